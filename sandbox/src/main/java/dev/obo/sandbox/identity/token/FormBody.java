package dev.obo.sandbox.identity.token;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;
import org.springframework.util.unit.DataSize;

import dev.obo.sandbox.identity.error.EntraError;
import dev.obo.sandbox.identity.error.EntraException;

/**
 * The parameters of a request's {@code application/x-www-form-urlencoded} body, and never of
 * its query string: Entra's token endpoint reads the body alone (RFC 6749 section 3.2 sends
 * token requests "using the application/x-www-form-urlencoded format ... in the HTTP request
 * entity-body"). A body of another type has no parameters. A body larger than Tomcat's form
 * limit, or one that does not decode, is AADSTS9002313.
 */
@Component
class FormBody {

    private static final FormHttpMessageConverter FORM = new FormHttpMessageConverter();
    private static final int LARGEST_ARRAY = Integer.MAX_VALUE - 8;

    private final int limit;

    // Tomcat's own limit for the form bodies it parses; negative there means none.
    FormBody(@Value("${server.tomcat.max-http-form-post-size:2MB}") DataSize limit) {
        this.limit = limit.isNegative() ? LARGEST_ARRAY - 1 : (int) Math.min(limit.toBytes(), LARGEST_ARRAY - 1);
    }

    Map<String, String[]> parameters(HttpServletRequest request) throws IOException {
        if (!isForm(request.getContentType())) {
            return Map.of();
        }
        // NOTE: read from the stream, not getParameterMap(), which merges in the query string.
        // Had something parsed the parameters already, the stream is empty: every parameter then
        // counts as missing, which refuses the request rather than reading the query.
        byte[] body = request.getInputStream().readNBytes(limit + 1);
        if (body.length > limit) {
            throw malformed("The request body is larger than " + limit + " bytes.");
        }
        try {
            MultiValueMap<String, String> form = FORM.read(null, new ServletServerHttpRequest(request) {
                @Override
                public InputStream getBody() {
                    return new ByteArrayInputStream(body);
                }
            });
            Map<String, String[]> parameters = new LinkedHashMap<>();
            form.forEach((name, values) -> parameters.put(name, values.stream().map(v -> v == null ? "" : v).toArray(String[]::new)));
            return parameters;
        } catch (HttpMessageNotReadableException e) {
            throw malformed("The request body is not valid application/x-www-form-urlencoded content.");
        }
    }

    private static boolean isForm(String contentType) {
        try {
            return contentType != null && MediaType.APPLICATION_FORM_URLENCODED.includes(MediaType.parseMediaType(contentType));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static EntraException malformed(String reason) {
        return new EntraException(EntraError.MALFORMED_REQUEST, reason);
    }
}
