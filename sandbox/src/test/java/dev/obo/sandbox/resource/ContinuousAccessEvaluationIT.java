package dev.obo.sandbox.resource;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.JWTBearerGrant;
import io.micrometer.core.instrument.MeterRegistry;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.obo.sandbox.RunningSandbox;

import static dev.obo.sandbox.TestSeed.API_SCOPE;
import static dev.obo.sandbox.TestSeed.ARM_SCOPE;
import static dev.obo.sandbox.TestSeed.GRAPH;
import static dev.obo.sandbox.TestSeed.GRAPH_SCOPE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Continuous access evaluation at ARM and Graph: after an admin revokes a user's sessions, disables
 * the account or resets the password, a CAE token (xms_cc cp1) issued before is refused with 401 and
 * each service's claims challenge, whose nbf is the user's tokens-valid-from, and counted; a token
 * without cp1 still works until it expires; a token issued after the event works. Each test has a user
 * of its own (test seed), so no test sees another's revocation.
 */
class ContinuousAccessEvaluationIT extends RunningSandbox {

    static final String CP1 = "{\"access_token\":{\"xms_cc\":{\"values\":[\"cp1\"]}}}";
    private static final Pattern CLAIMS = Pattern.compile("claims=\"([^\"]*)\"");

    @Autowired
    MeterRegistry meters;

    @Test
    void armWhenSessionsRevokedThenTheCaeTokenGetsArmsClaimsChallengeAndTheOtherStillLists() throws Exception {
        String user = "olga@onbehalf.test";
        String cae = token(user, ARM_SCOPE, CP1);
        String plain = token(user, ARM_SCOPE, null);
        assertThat(arm(cae).statusCode()).isEqualTo(200);
        double challenges = count("sandbox.arm.cae.challenges", "revoked");
        double unauthorized = meters.counter("sandbox.arm.responses", "status", "401").count();
        clock.advance(Duration.ofSeconds(1));

        Instant validFrom = revokeSessions(user);

        HttpResponse<String> refused = arm(cae);
        assertThat(refused.statusCode()).isEqualTo(401);
        String challenge = refused.headers().firstValue("WWW-Authenticate").orElseThrow();
        assertThat(challenge).isEqualTo("Bearer authorization_uri=\"" + base() + "/common/oauth2/authorize\", error=\"insufficient_claims\", "
                + "error_description=\"User session has been revoked\", claims=\"" + claimsOf(challenge) + "\"");
        assertNbf(claimsOf(challenge), validFrom);
        assertThat(JSONObjectUtils.parse(refused.body())).isEqualTo(Map.of("error", Map.of("code", "InvalidAuthenticationToken", "message",
                "Continuous access evaluation resulted in challenge: the access token was issued before the user's sessions were revoked.")));
        assertThat(refused.headers().firstValue("x-ms-request-id")).isPresent();
        assertThat(count("sandbox.arm.cae.challenges", "revoked") - challenges).isEqualTo(1);
        assertThat(meters.counter("sandbox.arm.responses", "status", "401").count() - unauthorized).isEqualTo(1);

        assertThat(arm(plain).statusCode()).as("a token without cp1 is not evaluated").isEqualTo(200);
        assertThat(arm(token(user, ARM_SCOPE, CP1)).statusCode()).as("a CAE token issued after the revocation").isEqualTo(200);
    }

    @Test
    void graphWhenSessionsRevokedThenTheCaeTokenGetsGraphsClaimsChallengeAndTheOtherStillReadsMe() throws Exception {
        String user = "pete@onbehalf.test";
        String cae = token(user, GRAPH_SCOPE, CP1);
        String plain = token(user, GRAPH_SCOPE, null);
        assertThat(me(cae).statusCode()).isEqualTo(200);
        double challenges = count("sandbox.graph.cae.challenges", "revoked");
        clock.advance(Duration.ofSeconds(1));

        Instant validFrom = revokeSessions(user);

        HttpResponse<String> refused = me(cae);
        assertThat(refused.statusCode()).isEqualTo(401);
        String challenge = refused.headers().firstValue("WWW-Authenticate").orElseThrow();
        assertThat(challenge).isEqualTo("Bearer realm=\"\", authorization_uri=\"" + base() + "/common/oauth2/authorize\", client_id=\""
                + GRAPH + "\", error=\"insufficient_claims\", claims=\"" + claimsOf(challenge) + "\"");
        assertNbf(claimsOf(challenge), validFrom);
        Map<String, Object> error = graphError(refused);
        assertThat(error).containsEntry("code", "InvalidAuthenticationToken").containsEntry("message",
                "Continuous access evaluation resulted in challenge with result: InteractionRequired and code: TokenIssuedBeforeRevocationTimestamp");
        assertThat(error.get("innerError")).asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsKeys("date", "request-id", "client-request-id");
        assertThat(count("sandbox.graph.cae.challenges", "revoked") - challenges).isEqualTo(1);

        assertThat(me(plain).statusCode()).as("a token without cp1 is not evaluated").isEqualTo(200);
        assertThat(me(token(user, GRAPH_SCOPE, CP1)).statusCode()).as("a CAE token issued after the revocation").isEqualTo(200);
    }

    @Test
    void armAndGraphWhenAccountDisabledThenTheSameChallengeAtTheDisableTimeUntilEnabledAndSignedInAgain() throws Exception {
        String user = "quinn@onbehalf.test";
        String armCae = token(user, ARM_SCOPE, CP1);
        String graphCae = token(user, GRAPH_SCOPE, CP1);
        String armPlain = token(user, ARM_SCOPE, null);
        double arm = count("sandbox.arm.cae.challenges", "disabled");
        double graph = count("sandbox.graph.cae.challenges", "disabled");
        clock.advance(Duration.ofSeconds(1));

        Result disabled = userAdmin(user, "disable");
        Instant disabledAt = Instant.parse((String) disabled.body().get("tokensValidFrom"));

        HttpResponse<String> armRefused = arm(armCae);
        assertThat(armRefused.statusCode()).isEqualTo(401);
        assertThat(armRefused.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("error=\"insufficient_claims\"");
        assertNbf(claimsOf(armRefused.headers().firstValue("WWW-Authenticate").orElseThrow()), disabledAt);
        assertThat(armRefused.body()).contains("\"InvalidAuthenticationToken\"", "the user account is disabled");
        HttpResponse<String> graphRefused = me(graphCae);
        assertThat(graphRefused.statusCode()).isEqualTo(401);
        assertNbf(claimsOf(graphRefused.headers().firstValue("WWW-Authenticate").orElseThrow()), disabledAt);
        assertThat(graphError(graphRefused)).containsEntry("message",
                "Continuous access evaluation resulted in challenge with result: InteractionRequired and code: UserDisabled");
        assertThat(count("sandbox.arm.cae.challenges", "disabled") - arm).isEqualTo(1);
        assertThat(count("sandbox.graph.cae.challenges", "disabled") - graph).isEqualTo(1);
        assertThat(arm(armPlain).statusCode()).as("a token without cp1 is not evaluated").isEqualTo(200);

        userAdmin(user, "enable");

        assertThat(graphError(me(graphCae))).as("enabling does not bring back what disabling revoked")
                .containsEntry("message", "Continuous access evaluation resulted in challenge with result: InteractionRequired and code: "
                        + "TokenIssuedBeforeRevocationTimestamp");
        assertThat(me(token(user, GRAPH_SCOPE, CP1)).statusCode()).isEqualTo(200);
    }

    @Test
    void armWhenPasswordResetThenTheCaeTokenIsChallengedAndOneIssuedLaterInTheSameSecondPasses() throws Exception {
        String user = "rosa@onbehalf.test";
        String cae = token(user, ARM_SCOPE, CP1);
        clock.advance(Duration.ofSeconds(1));

        Result reset = userAdmin(user, "reset-password");
        String fresh = token(user, ARM_SCOPE, CP1);

        assertThat(reset.status()).isEqualTo(200);
        assertNbf(claimsOf(arm(cae).headers().firstValue("WWW-Authenticate").orElseThrow()),
                Instant.parse((String) reset.body().get("tokensValidFrom")));
        assertThat(arm(fresh).statusCode()).isEqualTo(200);
    }

    /** The user's token for the API, by the password grant, exchanged by the API On-Behalf-Of for {@code scope}, with {@code claims}. */
    private String token(String user, String scope, String claims) throws ParseException {
        JWTBearerGrant assertion = new JWTBearerGrant(SignedJWT.parse(userToken(user, API_SCOPE)));
        Result obo = token(api(), assertion, scope, claims == null ? Map.of("requested_token_use", "on_behalf_of")
                : Map.of("requested_token_use", "on_behalf_of", "claims", claims));
        assertThat(obo.status()).as("%s", obo.body()).isEqualTo(200);
        assertThat(obo.accessTokenClaims().getClaim("xms_cc") != null).isEqualTo(claims != null);
        return obo.accessToken();
    }

    private HttpResponse<String> arm(String token) {
        return arm(URI.create(base() + "/subscriptions?api-version=2022-12-01"), token, Map.of());
    }

    private HttpResponse<String> me(String token) {
        return arm(URI.create(base() + "/v1.0/me"), token, Map.of());
    }

    private double count(String meter, String reason) {
        return meters.counter(meter, "reason", reason).count();
    }

    static String claimsOf(String challenge) {
        Matcher claims = CLAIMS.matcher(challenge);
        assertThat(claims.find()).as("claims in %s", challenge).isTrue();
        return claims.group(1);
    }

    /** The challenge's claims are standard base64 of exactly Entra's nbf request, its value the time as a string. */
    static void assertNbf(String claims, Instant validFrom) {
        String json = new String(Base64.getDecoder().decode(claims), StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"access_token\":{\"nbf\":{\"essential\":true,\"value\":\"" + validFrom.getEpochSecond() + "\"}}}");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> graphError(HttpResponse<String> response) throws ParseException {
        return (Map<String, Object>) JSONObjectUtils.parse(response.body()).get("error");
    }
}
