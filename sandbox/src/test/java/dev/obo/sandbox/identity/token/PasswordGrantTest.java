package dev.obo.sandbox.identity.token;

import java.util.Map;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.oauth2.sdk.ResourceOwnerPasswordCredentialsGrant;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import org.junit.jupiter.api.Test;

import dev.obo.sandbox.SandboxTest;
import dev.obo.sandbox.TestSeed;
import dev.obo.sandbox.tenant.AppIdentifiers;

import static dev.obo.sandbox.TestSeed.API;
import static dev.obo.sandbox.TestSeed.API_SCOPE;
import static dev.obo.sandbox.TestSeed.TENANT;
import static dev.obo.sandbox.TestSeed.WEB;
import static org.assertj.core.api.Assertions.assertThat;

/** The password grant (ROPC): Entra's v2.0 access token claims, and consent and conditional access applied as to any grant. */
class PasswordGrantTest extends SandboxTest {

    @Test
    void passwordWhenAliceThenV2AccessTokenWithEntrasClaims() throws Exception {
        JWTClaimsSet claims = claims(userToken("alice@onbehalf.test", API_SCOPE));

        assertThat(claims.getIssuer()).isEqualTo(issuer());
        assertThat(claims.getAudience()).containsExactly(API);
        assertThat(claims.getStringClaim("ver")).isEqualTo("2.0");
        assertThat(claims.getStringClaim("azp")).isEqualTo(WEB);
        assertThat(claims.getStringClaim("azpacr")).isEqualTo("1");
        assertThat(claims.getStringClaim("scp")).isEqualTo("access_as_user");
        assertThat(claims.getStringClaim("tid")).isEqualTo(TENANT);
        assertThat(claims.getStringClaim("oid")).isEqualTo("4a5b6c7d-0000-4000-8000-0000000000a1");
        assertThat(claims.getStringClaim("preferred_username")).isEqualTo("alice@onbehalf.test");
        assertThat(claims.getStringClaim("name")).isEqualTo("Alice Adams");
        assertThat(claims.getStringClaim("uti")).isNotBlank();
        assertThat(claims.getSubject()).isNotEqualTo(claims.getStringClaim("oid")).hasSize(43);
        assertThat(claims.getIssueTime()).isNotNull();
        assertThat(claims.getNotBeforeTime()).isNotNull();
        assertThat(claims.getExpirationTime()).isAfter(claims.getIssueTime());
    }

    @Test
    void passwordWhenPublicClientThenAzpacr0() throws Exception {
        Result result = publicToken(new ClientID(TestSeed.CLI),
                new ResourceOwnerPasswordCredentialsGrant("bob@onbehalf.test", new Secret("sandbox")), API_SCOPE);

        assertThat(result.accessTokenClaims().getStringClaim("azpacr")).isEqualTo("0");
    }

    @Test
    void passwordWhenClientInfoAskedThenMsalClientInfo() {
        Result result = token(web(), new ResourceOwnerPasswordCredentialsGrant("bob@onbehalf.test", new Secret("sandbox")),
                API_SCOPE, Map.of("client_info", "1"));

        String json = new String(java.util.Base64.getUrlDecoder().decode((String) result.body().get("client_info")));
        assertThat(json).contains("\"uid\":\"4a5b6c7d-0000-4000-8000-0000000000b2\"", "\"utid\":\"" + TENANT + "\"");
    }

    @Test
    void passwordWhenConditionalAccessAppliesToTheResourceThenAadsts50076() {
        Result result = publicToken(new ClientID(TestSeed.CLI),
                new ResourceOwnerPasswordCredentialsGrant("dave@onbehalf.test", new Secret("sandbox")), "api://" + TestSeed.CERT_API + "/access_as_user");
        assertThat(result.status()).as("no rule on this API").isEqualTo(200);

        Result arm = token(certificateApi(), new ResourceOwnerPasswordCredentialsGrant("dave@onbehalf.test", new Secret("sandbox")),
                TestSeed.ARM_SCOPE, Map.of());

        assertThat(arm.errorCode()).isEqualTo(50076);
        assertThat(arm.body()).containsKey("claims");
    }

    @Test
    void passwordWhenOnlyOpenIdScopesThenGraphAudienceAndIdToken() throws Exception {
        Result result = token(web(), new ResourceOwnerPasswordCredentialsGrant("bob@onbehalf.test", new Secret("sandbox")),
                "openid profile", Map.of());

        assertThat(result.accessTokenClaims().getAudience()).containsExactly(AppIdentifiers.GRAPH);
        assertThat(result.body()).containsKey("id_token");
    }
}
