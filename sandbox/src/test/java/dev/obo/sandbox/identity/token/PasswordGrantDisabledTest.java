package dev.obo.sandbox.identity.token;

import java.util.Map;

import com.nimbusds.oauth2.sdk.ResourceOwnerPasswordCredentialsGrant;
import com.nimbusds.oauth2.sdk.auth.Secret;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import dev.obo.sandbox.SandboxTest;
import dev.obo.sandbox.TestSeed;

import static org.assertj.core.api.Assertions.assertThat;

/** With {@code sandbox.identity.password-grant-enabled=false} the password grant is refused like any unsupported grant. */
@TestPropertySource(properties = "sandbox.identity.password-grant-enabled=false")
class PasswordGrantDisabledTest extends SandboxTest {

    @Test
    void passwordWhenSwitchedOffThenAadsts70003() {
        Result result = token(web(), new ResourceOwnerPasswordCredentialsGrant("alice@onbehalf.test", new Secret("sandbox")),
                TestSeed.API_SCOPE, Map.of());

        assertThat(result.error()).isEqualTo("unsupported_grant_type");
        assertThat(result.errorCode()).isEqualTo(70003);
    }
}
