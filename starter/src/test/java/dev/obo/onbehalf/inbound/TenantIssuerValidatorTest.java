package dev.obo.onbehalf.inbound;

import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code iss}, {@code tid} and {@code ver} must agree with the configured issuer and with each
 * other, for single- and multi-tenant Entra issuers (v2.0 and v1.0), while another identity
 * provider's issuer is compared as is. One row per case, each naming what it proves.
 */
class TenantIssuerValidatorTest {

    static final String A = "4a5b6c7d-0000-4000-8000-000000000001";
    static final String B = "0badc0de-0000-4000-8000-000000000099";

    static Stream<Arguments> tokens() {
        return Stream.of(
                row("single tenant: the tenant's own token", "https://login.example/" + A + "/v2.0",
                        claims("https://login.example/" + A + "/v2.0", A, "2.0"), true),
                row("single tenant: tid of another tenant", "https://login.example/" + A + "/v2.0",
                        claims("https://login.example/" + A + "/v2.0", B, "2.0"), false),
                row("single tenant: no tid", "https://login.example/" + A + "/v2.0",
                        claims("https://login.example/" + A + "/v2.0", null, "2.0"), false),
                row("single tenant: ver 1.0 from the v2.0 issuer", "https://login.example/" + A + "/v2.0",
                        claims("https://login.example/" + A + "/v2.0", A, "1.0"), false),
                row("multi-tenant: tenant B's own token", "https://login.example/{tenantid}/v2.0",
                        claims("https://login.example/" + B + "/v2.0", B, "2.0"), true),
                row("multi-tenant: iss of tenant A, tid of tenant B", "https://login.example/{tenantid}/v2.0",
                        claims("https://login.example/" + A + "/v2.0", B, "2.0"), false),
                row("multi-tenant: no tid", "https://login.example/{tenantid}/v2.0",
                        claims("https://login.example/" + A + "/v2.0", null, "2.0"), false),
                row("multi-tenant: ver 1.0 from the v2.0 issuer", "https://login.example/{tenantid}/v2.0",
                        claims("https://login.example/" + B + "/v2.0", B, "1.0"), false),
                row("v1.0 issuer: a v1.0 token", "https://sts.windows.net/{tenantid}/",
                        claims("https://sts.windows.net/" + A + "/", A, "1.0"), true),
                row("v1.0 issuer: a v2.0 token", "https://sts.windows.net/{tenantid}/",
                        claims("https://sts.windows.net/" + A + "/", A, "2.0"), false),
                row("another identity provider: neither tid nor ver needed", "https://idp.example/realm",
                        claims("https://idp.example/realm", null, null), true),
                row("another identity provider: its own tid is no tenant of ours", "https://idp.example/realm",
                        claims("https://idp.example/realm", "some-tenant", null), true),
                row("another identity provider: another issuer", "https://idp.example/realm",
                        claims("https://idp.example/other", null, null), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tokens")
    void validateWhenIssuerClaimsThenAcceptedOnlyWhenTheyAgree(String proves, String issuer, Map<String, Object> claims, boolean accepted) {
        Jwt jwt = Jwt.withTokenValue("t").header("alg", "RS256").claims(c -> c.putAll(claims)).expiresAt(Instant.now().plusSeconds(60)).build();

        assertThat(new TenantIssuerValidator(issuer).validate(jwt).hasErrors()).as(proves).isEqualTo(!accepted);
    }

    private static Arguments row(String proves, String issuer, Map<String, Object> claims, boolean accepted) {
        return Arguments.of(proves, issuer, claims, accepted);
    }

    private static Map<String, Object> claims(String iss, String tid, String ver) {
        Map<String, Object> claims = new java.util.HashMap<>();
        claims.put("iss", iss);
        if (tid != null) {
            claims.put("tid", tid);
        }
        if (ver != null) {
            claims.put("ver", ver);
        }
        return claims;
    }
}
