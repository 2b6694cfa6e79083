package dev.obo.onbehalf.token;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.AuthorizationGrantType;

import dev.obo.onbehalf.OnBehalfOfProperties;

import static org.assertj.core.api.Assertions.assertThat;

/** On-Behalf-Of goes to the user's own tenant: a multi-tenant authority's tenant segment is replaced by the token's tid. */
class TenantRegistrationsTest {

    @Test
    void registrationWhenAuthorityIsCommonThenTokenRequestGoesToTheUsersTenant() {
        TenantRegistrations registrations = new TenantRegistrations(properties("on-behalf-of"),
                () -> URI.create("https://login.microsoftonline.com/common/oauth2/v2.0/token"));

        var registration = registrations.findByRegistrationId(TenantRegistrations.registrationId("arm", "72f988bf-86f1-41af-91ab-2d7cd011db47"));

        assertThat(registration.getProviderDetails().getTokenUri())
                .isEqualTo("https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/oauth2/v2.0/token");
        assertThat(registration.getAuthorizationGrantType()).isEqualTo(AuthorizationGrantType.JWT_BEARER);
        assertThat(registration.getScopes()).containsExactly("https://management.azure.com/user_impersonation");
    }

    @Test
    void registrationWhenTokenExchangeConfiguredThenTokenExchangeGrant() {
        TenantRegistrations registrations = new TenantRegistrations(properties("token-exchange"), () -> URI.create("http://idp/t/token"));

        assertThat(registrations.findByRegistrationId(TenantRegistrations.registrationId("arm", "t")).getAuthorizationGrantType()).isEqualTo(AuthorizationGrantType.TOKEN_EXCHANGE);
        assertThat(registrations.findByRegistrationId("someone-else")).isNull();
    }

    private static OnBehalfOfProperties properties(String grant) {
        return new OnBehalfOfProperties("api-client", OnBehalfOfProperties.Credential.secret("secret"),
                "https://login.microsoftonline.com/{tenantid}/v2.0", null, null, List.of("access_as_user"), grant, null, null,
                Duration.ofSeconds(5), Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(5), null, null,
                Map.of("arm", new OnBehalfOfProperties.Downstream(List.of("https://management.azure.com/user_impersonation"), null, null)),
                new OnBehalfOfProperties.Cache(100, Duration.ofMinutes(2), Duration.ofMinutes(5)));
    }
}
