package dev.obo.web.apiclient;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.obo.web.security.PendingChallenge.Kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Each answer of the API that asks the user for something, read from its status, its
 * {@code WWW-Authenticate} and its problem body as docs/api.md gives them, and what is not one.
 */
class ApiChallengesTest {

    private static final String NBF = "{\"access_token\":{\"nbf\":{\"essential\":true,\"value\":\"1700000000\"}}}";
    private static final String MFA = "{\"access_token\":{\"amr\":{\"essential\":true,\"values\":[\"mfa\"]}}}";
    private static final String AUTHORITY = "authorization_uri=\"http://localhost:9000/t/oauth2/v2.0/authorize\", client_id=\"api\"";

    @ParameterizedTest(name = "{6}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            urn:onbehalf:problem:downstream-claims-challenge | arm   | -                 | insufficient_claims | NBF | CLAIMS | ARM's continuous access evaluation, passed on by the API
            urn:onbehalf:problem:downstream-claims-challenge | graph | -                 | insufficient_claims | NBF | CLAIMS | Graph's, likewise
            urn:onbehalf:problem:claims-challenge            | -     | -                 | insufficient_claims | MFA | CLAIMS | conditional access at On-Behalf-Of (MFA), as before
            urn:onbehalf:problem:invalid-token               | -     | (AADSTS50173) ... | invalid_token       | NBF | TOKEN  | an assertion refused after a revocation: a new token, with the claims
            urn:onbehalf:problem:invalid-token               | -     | (AADSTS50057) ... | invalid_token       | -   | TOKEN  | an assertion of a disabled user: a new token, no claims
            """)
    void ofWhenApiAsksForASignInAgainThenItsKindAndItsClaimsAsSent(String type, String downstream, String detail, String error,
                                                                  String claims, Kind kind, String proves) {
        String json = "NBF".equals(claims) ? NBF : "MFA".equals(claims) ? MFA : null;
        String challenge = "Bearer realm=\"\", " + AUTHORITY + ", error=\"" + error + "\""
                + (json == null ? "" : ", claims=\"" + base64(json) + "\"");

        ApiChallengeException asked = ApiChallenges.of(401, List.of(challenge), body(type, downstream, detail));

        assertThat(asked).as(proves).isNotNull();
        assertThat(asked.kind()).as(proves).isEqualTo(kind);
        assertThat(asked.claims()).as(proves).isEqualTo(json);
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', textBlock = """
            urn:onbehalf:problem:downstream-claims-challenge | arm   | 401 insufficient_claims (ARM: session revoked)
            urn:onbehalf:problem:downstream-claims-challenge | graph | 401 insufficient_claims (Graph: session revoked)
            urn:onbehalf:problem:invalid-token               | -     | 401 invalid_token (On-Behalf-Of: AADSTS50173, session revoked)
            """)
    void ofWhenTheSessionWasRevokedThenTheRefusalSaysWhoRefusedAndWhy(String type, String downstream, String label) {
        String error = type.endsWith("invalid-token") ? "invalid_token" : "insufficient_claims";

        ApiChallengeException asked = ApiChallenges.of(401, List.of("Bearer error=\"" + error + "\", claims=\"" + base64(NBF) + "\""),
                body(type, "-".equals(downstream) ? null : downstream, "refused (AADSTS50173: revoked)"));

        assertThat(asked.refusal().label()).isEqualTo(label);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            Bearer error="insufficient_claims", claims="{not base64}"     | claims not base64
            Bearer error="insufficient_claims", claims="bm90IGpzb24="     | base64 of 'not json'
            Bearer error="invalid_token", claims="WyJjcDEiXQ=="           | base64 of a JSON array, not an object
            """)
    void ofWhenClaimsCannotBeReadThenAFailureToShowNotAnError(String challenge, String proves) {
        assertThatExceptionOfType(ApiFailureException.class).as(proves)
                .isThrownBy(() -> ApiChallenges.of(401, List.of(challenge), Map.of()))
                .satisfies(failure -> assertThat(failure.retryable()).isFalse());
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            Bearer error="invalid_token", xclaims="eyJhIjoxfQ=="                                        | an xclaims parameter is not claims
            Bearer error="invalid_token", error_description="no claims=\\"eyJhIjoxfQ==\\" here"        | claims= inside a quoted description is not a parameter
            Bearer Error="invalid_token", CLAIMS=""                                                     | names are case-insensitive; empty claims are none
            """)
    void ofWhenNoClaimsParameterThenATokenChallengeWithoutClaims(String challenge, String proves) {
        ApiChallengeException asked = ApiChallenges.of(401, List.of(challenge), Map.of());

        assertThat(asked.kind()).as(proves).isEqualTo(Kind.TOKEN);
        assertThat(asked.claims()).as(proves).isNull();
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', textBlock = """
            401 | Basic realm="api", error="invalid_token"                | another scheme's error
            401 | Bearer error="insufficient_scope", claims="eyJhIjp7fX0=" | an error that is not a sign-in challenge
            403 | Bearer error="invalid_token", claims="eyJhIjp7fX0="      | a 403 without the consent problem
            """)
    void ofWhenNotASignInChallengeThenNone(int status, String challenge, String proves) {
        assertThat(ApiChallenges.of(status, List.of(challenge), Map.of())).as(proves).isNull();
    }

    @Test
    void ofWhenSeveralChallengesThenTheBearerOneIsRead() {
        ApiChallengeException asked = ApiChallenges.of(401, List.of("Basic realm=\"api\"",
                "Bearer error=\"insufficient_claims\", claims=\"" + base64(NBF) + "\""), Map.of());

        assertThat(asked.kind()).isEqualTo(Kind.CLAIMS);
        assertThat(asked.claims()).isEqualTo(NBF);
    }

    private static Map<String, Object> body(String type, String downstream, String detail) {
        Map<String, Object> body = new HashMap<>(Map.of("type", type));
        if (downstream != null) {
            body.put("downstream", downstream);
        }
        if (detail != null) {
            body.put("detail", detail);
        }
        return body;
    }

    private static String base64(String json) {
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
