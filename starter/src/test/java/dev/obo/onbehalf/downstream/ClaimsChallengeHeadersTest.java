package dev.obo.onbehalf.downstream;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which 401 challenges of a downstream API are claims challenges: Graph's documented
 * {@code insufficient_claims}, ARM's {@code invalid_token} with {@code claims}, one among several
 * {@code WWW-Authenticate} values; never a challenge without claims, nor a parameter that only
 * ends in {@code claims}.
 */
class ClaimsChallengeHeadersTest {

    private static final String NBF = "{\"access_token\":{\"nbf\":{\"essential\":true, \"value\":\"1604106651\"}}}";
    private static final String ENCODED = Base64.getEncoder().encodeToString(NBF.getBytes(StandardCharsets.UTF_8));

    @Test
    void claimsChallengeWhenGraphsInsufficientClaimsThenItsClaims() {
        String graph = "Bearer realm=\"\", authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\", "
                + "client_id=\"00000003-0000-0000-c000-000000000000\", error=\"insufficient_claims\", claims=\"" + ENCODED + "\"";

        assertThat(OnBehalfOfInterceptor.claimsChallenge(List.of(graph))).isEqualTo(NBF);
    }

    @Test
    void claimsChallengeWhenArmsInvalidTokenWithClaimsThenItsClaims() {
        String arm = "Bearer authorization_uri=\"https://login.windows.net/\", error=\"invalid_token\", "
                + "error_description=\"User session has been revoked\", claims=\"" + ENCODED + "\"";

        assertThat(OnBehalfOfInterceptor.claimsChallenge(List.of(arm))).isEqualTo(NBF);
    }

    @Test
    void claimsChallengeWhenSeveralChallengesThenTheOneWithClaims() {
        assertThat(OnBehalfOfInterceptor.claimsChallenge(List.of("Basic realm=\"x\"", "Bearer claims=\"" + ENCODED + "\""))).isEqualTo(NBF);
    }

    @Test
    void claimsChallengeWhenNoClaimsThenNone() {
        assertThat(OnBehalfOfInterceptor.claimsChallenge(List.of())).isNull();
        assertThat(OnBehalfOfInterceptor.claimsChallenge(List.of("Bearer error=\"invalid_token\", error_description=\"expired\""))).isNull();
        assertThat(OnBehalfOfInterceptor.claimsChallenge(List.of("Bearer xclaims=\"" + ENCODED + "\""))).isNull();
        assertThat(OnBehalfOfInterceptor.claimsChallenge(List.of("Bearer error=\"insufficient_claims\", claims=\"\""))).isNull();
        assertThat(OnBehalfOfInterceptor.claimsChallenge(List.of("Bearer claims=\"not base64!\""))).isNull();
    }
}
