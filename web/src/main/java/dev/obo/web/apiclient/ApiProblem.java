package dev.obo.web.apiclient;

import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * What a middle tier said when it refused or failed, from the shapes such APIs answer in:
 * RFC 9457 problem details ({@code title}, {@code detail}), the seed's Flask API
 * ({@code code}, {@code description}), an OAuth 2.0 error ({@code error},
 * {@code error_description}), ARM and Graph ({@code {"error":{"code","message"}}}) or a bare
 * {@code message}.
 */
record ApiProblem(String title, String detail) {

    static ApiProblem of(int status, Map<String, Object> body) {
        Map<?, ?> error = body.get("error") instanceof Map<?, ?> nested ? nested : Map.of();
        String code = first(body.get("code"), body.get("error") instanceof String text ? text : null, error.get("code"));
        String title = first(body.get("title"));
        String detail = first(body.get("detail"), body.get("description"), body.get("error_description"), body.get("message"),
                error.get("message"));
        return new ApiProblem(title != null ? title : "The API answered " + status + (code == null ? "" : " (" + code + ")"),
                detail == null ? "" : detail);
    }

    private static String first(Object... values) {
        return Stream.of(values).filter(value -> value instanceof String text && !text.isBlank()).map(Objects::toString)
                .findFirst().orElse(null);
    }
}
