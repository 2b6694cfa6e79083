package dev.obo.sandbox.identity.claims;

import java.io.Serializable;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.obo.sandbox.identity.error.EntraError;
import dev.obo.sandbox.identity.error.EntraException;

/**
 * The {@code claims} request parameter (OpenID Connect Core 1.0 section 5.5), as Entra reads it at
 * the authorize endpoint and on every grant of the token endpoint, parsed once per request:
 * <ul>
 * <li>the client capabilities the client declares, {@code access_token.xms_cc.values} ({@code cp1}:
 * it can answer a claims challenge, so it may get CAE tokens; Microsoft's claims-challenge page:
 * "The values aren't case-sensitive and unordered"), kept as asked;</li>
 * <li>whether it asks for a second factor: an {@code amr} whose {@code values} hold {@code mfa}, or
 * any {@code acrs}, under {@code access_token} or {@code id_token};</li>
 * <li>the {@code access_token.nbf} a CAE challenge asks for: a sign-in from before it will not do.</li>
 * </ul>
 * Other members are allowed and ignored. JSON that does not parse, or is not an object, is AADSTS9002313.
 */
public record ClaimsRequest(List<String> clientCapabilities, boolean asksForMfa, Instant notBefore) implements Serializable {

    /** No {@code claims} parameter. */
    public static final ClaimsRequest NONE = new ClaimsRequest(List.of(), false, null);

    /** The client capability of continuous access evaluation. */
    public static final String CP1 = "cp1";

    private static final JsonMapper JSON = new JsonMapper();

    public ClaimsRequest {
        clientCapabilities = List.copyOf(clientCapabilities);
    }

    /** The parameter's value read, or {@link #NONE} for none (null or blank). */
    public static ClaimsRequest parse(String claims) {
        if (claims == null || claims.isBlank()) {
            return NONE;
        }
        JsonNode root;
        try {
            root = JSON.readTree(claims);
        } catch (RuntimeException e) {
            throw new EntraException(EntraError.MALFORMED_REQUEST, "The 'claims' parameter is not valid JSON.");
        }
        if (root == null || !root.isObject()) {
            throw new EntraException(EntraError.MALFORMED_REQUEST, "The 'claims' parameter must be a JSON object.");
        }
        JsonNode accessToken = root.path("access_token");
        return new ClaimsRequest(capabilities(accessToken.path("xms_cc").path("values")),
                asksForMfa(accessToken) || asksForMfa(root.path("id_token")), notBefore(accessToken.path("nbf").path("value")));
    }

    /**
     * The claims challenge of continuous access evaluation: a token issued at {@code notBefore} or later,
     * {@code {"access_token":{"nbf":{"essential":true,"value":"<epoch seconds>"}}}} (the value a string, as Entra,
     * ARM and Graph send it). Sent back in {@code claims}, it is read as {@link #notBefore}.
     */
    public static String notBeforeChallenge(Instant notBefore) {
        return "{\"access_token\":{\"nbf\":{\"essential\":true,\"value\":\"" + notBefore.getEpochSecond() + "\"}}}";
    }

    /** Whether the client declared {@code cp1}, in any case. */
    public boolean declaresCae() {
        return clientCapabilities.stream().anyMatch(CP1::equalsIgnoreCase);
    }

    /**
     * This request together with {@code later}, as a code's authorize request and its token request
     * make one grant: the capabilities of both (each value once, whatever its case, the earlier
     * spelling first), a second factor if either asks, the later {@code nbf}.
     */
    public ClaimsRequest plus(ClaimsRequest later) {
        List<String> capabilities = new ArrayList<>(clientCapabilities);
        later.clientCapabilities.stream()
                .filter(c -> capabilities.stream().noneMatch(c::equalsIgnoreCase))
                .forEach(capabilities::add);
        Instant nbf = notBefore == null ? later.notBefore
                : later.notBefore == null || notBefore.isAfter(later.notBefore) ? notBefore : later.notBefore;
        return new ClaimsRequest(capabilities, asksForMfa || later.asksForMfa, nbf);
    }

    private static List<String> capabilities(JsonNode values) {
        List<String> capabilities = new ArrayList<>();
        for (JsonNode value : values) {
            if (value.isString() && capabilities.stream().noneMatch(value.stringValue()::equalsIgnoreCase)) {
                capabilities.add(value.stringValue());
            }
        }
        return capabilities;
    }

    private static boolean asksForMfa(JsonNode request) {
        if (request.has("acrs")) {
            return true;
        }
        for (JsonNode value : request.path("amr").path("values")) {
            if (AuthenticationMethods.MFA.equals(value.asString())) {
                return true;
            }
        }
        return false;
    }

    // Entra's challenges send the time as a string of epoch seconds ("1604106651"); a number is read too.
    private static Instant notBefore(JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        try {
            if (value.isIntegralNumber() && value.canConvertToLong()) {
                return Instant.ofEpochSecond(value.longValue());
            }
            if (value.isString()) {
                return Instant.ofEpochSecond(Long.parseLong(value.stringValue().trim()));
            }
        } catch (NumberFormatException | DateTimeException e) {
            // falls through to the refusal
        }
        throw new EntraException(EntraError.MALFORMED_REQUEST,
                "The 'claims' parameter's access_token.nbf.value must be a time in seconds since the epoch.");
    }
}
