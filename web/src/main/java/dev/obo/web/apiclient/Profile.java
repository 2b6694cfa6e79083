package dev.obo.web.apiclient;

import java.util.Map;

/**
 * The API's {@code GET /me}: the user's Microsoft Graph profile and how the call went, or, when
 * the profile could not be had, why (the subscriptions are shown either way).
 */
public record Profile(Map<String, Object> value, ServerTiming timing, double totalMillis, String problem) {

    static Profile unavailable(String problem) {
        return new Profile(Map.of(), new ServerTiming(0, false, 0), 0, problem);
    }

    public boolean available() {
        return problem == null;
    }
}
