package dev.obo.web.apiclient;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.obo.web.security.PendingChallenge.Kind;
import dev.obo.web.security.PendingChallenge.Refusal;

/**
 * Reads what the API asks of the user from its refusal: consent (403 with the API's own
 * problem type, docs/api.md), or signing in again (401 with an RFC 6750 {@code Bearer}
 * challenge, section 3). A challenge's {@code claims} parameter is Microsoft's claims challenge
 * (learn.microsoft.com, "Claims challenges": a quoted, base64-encoded claims request) and is read
 * whatever the {@code error}: {@code insufficient_claims} for conditional access and for ARM's or
 * Graph's continuous access evaluation, {@code invalid_token} when the identity provider refused
 * the token for On-Behalf-Of, with claims after a revocation.
 */
final class ApiChallenges {

    /** An auth-param (RFC 9110 section 11.2): a name, then a quoted string or a token; a quoted value is consumed whole. */
    private static final Pattern PARAMETER = Pattern.compile("([!#$%&'*+.^_`|~0-9A-Za-z-]+)[ \\t]*=[ \\t]*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^\\s,\"]+))");
    /** A backslash and the character it quotes, in a quoted string. */
    private static final Pattern QUOTED_PAIR = Pattern.compile("\\\\(.)");
    private static final Pattern BEARER = Pattern.compile("(?i)bearer(?:[ \\t].*)?");
    private static final Pattern AADSTS = Pattern.compile("AADSTS\\d+");
    /** The API's problem types (docs/api.md), in full: another API's type may end alike. */
    private static final String CONSENT_REQUIRED = "urn:onbehalf:problem:consent-required";
    private static final String DOWNSTREAM_CLAIMS_CHALLENGE = "urn:onbehalf:problem:downstream-claims-challenge";
    private static final Map<String, String> DOWNSTREAMS = Map.of("arm", Refusal.ARM, "graph", Refusal.GRAPH);
    private static final JsonMapper JSON = new JsonMapper();

    private ApiChallenges() {
    }

    /**
     * The challenge in the API's answer, or null if it is none (a failure to show).
     *
     * @throws ApiFailureException if the API asked for claims that cannot be read (not base64, not a JSON object)
     */
    static ApiChallengeException of(int status, List<String> wwwAuthenticate, Map<String, Object> body) {
        if (status == 403 && CONSENT_REQUIRED.equals(body.get("type"))) {
            return new ApiChallengeException(Kind.CONSENT, null, new Refusal("403 consent_required", Refusal.ON_BEHALF_OF, "consent needed"));
        }
        if (status != 401) {
            return null;
        }
        for (String challenge : wwwAuthenticate) {
            Map<String, String> parameters = bearerParameters(challenge);
            String error = parameters.get("error");
            Kind kind = "insufficient_claims".equals(error) ? Kind.CLAIMS : "invalid_token".equals(error) ? Kind.TOKEN : null;
            if (kind != null) {
                String claims = claims(parameters.get("claims"));
                return new ApiChallengeException(kind, claims, refusal(error, kind, claims == null ? null : JSON.readTree(claims), body));
            }
        }
        return null;
    }

    /** The parameters of a {@code Bearer} challenge, by lower-case name; none for another scheme. */
    private static Map<String, String> bearerParameters(String challenge) {
        Map<String, String> parameters = new HashMap<>();
        if (challenge == null || !BEARER.matcher(challenge.strip()).matches()) {
            return parameters;
        }
        Matcher parameter = PARAMETER.matcher(challenge);
        while (parameter.find()) {
            String value = parameter.group(2) != null ? QUOTED_PAIR.matcher(parameter.group(2)).replaceAll("$1") : parameter.group(3);
            parameters.putIfAbsent(parameter.group(1).toLowerCase(Locale.ROOT), value);
        }
        return parameters;
    }

    /** The claims request (JSON) as the API sent it, to be passed on as it is; null if none. */
    private static String claims(String base64) {
        if (base64 == null || base64.isBlank()) {
            return null;
        }
        try {
            String claims = new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
            if (JSON.readTree(claims).isObject()) {
                return claims;
            }
        } catch (IllegalArgumentException | JacksonException unreadable) {
            // the failure below
        }
        throw new ApiFailureException(401, "The API's sign-in challenge could not be read",
                "The API asked for you to sign in again with claims, but its claims are not a base64-encoded JSON object, "
                        + "so this app cannot pass them on. The API may not follow Microsoft's claims-challenge format.");
    }

    private static Refusal refusal(String error, Kind kind, JsonNode claims, Map<String, Object> body) {
        boolean revoked = claims != null && claims.path("access_token").has("nbf");
        String answer = "401 " + error;
        if (DOWNSTREAM_CLAIMS_CHALLENGE.equals(body.get("type"))) {
            String downstream = body.get("downstream") instanceof String name ? DOWNSTREAMS.getOrDefault(name, name) : "downstream API";
            return new Refusal(answer, downstream, revoked ? "session revoked" : "claims challenge");
        }
        if (kind == Kind.CLAIMS) {
            return new Refusal(answer, Refusal.ON_BEHALF_OF, revoked ? "session revoked" : "conditional access");
        }
        // A refusal at On-Behalf-Of names the identity provider's code; else the API refused the token itself (its signature, say).
        Matcher code = AADSTS.matcher(body.get("detail") instanceof String detail ? detail : "");
        if (!code.find()) {
            return new Refusal(answer, Refusal.API, revoked ? "session revoked" : "token refused");
        }
        return new Refusal(answer, Refusal.ON_BEHALF_OF, revoked ? code.group() + ", session revoked" : code.group());
    }
}
