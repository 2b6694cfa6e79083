package dev.obo.onbehalf.token;

import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code claims} request parameter (OpenID Connect Core section 5.5) that declares this API's
 * client capabilities to Entra: {@code {"access_token":{"xms_cc":{"values":["cp1"]}}}}, merged
 * into the {@code access_token} member of any other claims the request asks, as Microsoft's
 * claims-challenge guide says ("add this to the existing set").
 */
final class ClientCapabilities {

    private static final JsonMapper JSON = new JsonMapper();

    private ClientCapabilities() {
    }

    /**
     * The claims to send: {@code requested} (JSON, or null) with {@code capabilities} declared;
     * null when there is nothing to ask.
     */
    static String claims(List<String> capabilities, String requested) {
        ObjectNode claims = parse(requested);
        if (!capabilities.isEmpty()) {
            JsonNode accessToken = claims.get("access_token");
            ObjectNode target = accessToken instanceof ObjectNode object ? object : claims.putObject("access_token");
            target.putObject("xms_cc").putArray("values").addAll(capabilities.stream().map(JSON.getNodeFactory()::textNode).toList());
        }
        return claims.isEmpty() ? null : JSON.writeValueAsString(claims);
    }

    private static ObjectNode parse(String requested) {
        if (requested == null || requested.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            if (JSON.readTree(requested) instanceof ObjectNode object) {
                return object;
            }
        } catch (JacksonException notJson) {
            // fall through: the claims to merge into must be a JSON object
        }
        throw new IllegalArgumentException("a claims request must be a JSON object");
    }
}
