package dev.obo.sandbox.identity.error;

import java.io.IOException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import dev.obo.sandbox.CorrelationFilter;
import dev.obo.sandbox.form.JsonAnswer;
import dev.obo.sandbox.form.MalformedRequestAnswer;
import dev.obo.sandbox.identity.TenantUrls;

/**
 * Renders {@link EntraException} as Entra's error JSON: {@code error},
 * {@code error_description} (starting {@code AADSTSnnnnn:} and ending with the trace and
 * correlation ids and a timestamp), {@code error_codes}, {@code timestamp},
 * {@code trace_id}, {@code correlation_id}, {@code error_uri}, and {@code suberror} /
 * {@code claims} when the case has them. Also the sandbox's answer to a request body it
 * cannot read, for every path no other part of the sandbox claims.
 */
@RestControllerAdvice(annotations = EntraEndpoint.class)
@Order(Ordered.LOWEST_PRECEDENCE)
class EntraErrorAdvice implements MalformedRequestAnswer {

    private static final Logger log = LoggerFactory.getLogger(EntraErrorAdvice.class);
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private final Clock clock;
    private final TenantUrls urls;
    private final JsonMapper json;

    EntraErrorAdvice(Clock clock, TenantUrls urls, JsonMapper json) {
        this.clock = clock;
        this.urls = urls;
        this.json = json;
    }

    @ExceptionHandler(EntraException.class)
    ResponseEntity<Map<String, Object>> entraError(EntraException e, HttpServletRequest request) {
        log.info("event=request_refused path={} error={} code=AADSTS{}", request.getRequestURI(), e.error().error(), e.error().code());
        return response(e);
    }

    /** Every request no other part of the sandbox claims is the identity provider's: AADSTS9002313. */
    @Override
    public boolean answers(HttpServletRequest request) {
        return true;
    }

    @Override
    public void answer(String reason, HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonAnswer.write(response(new EntraException(EntraError.MALFORMED_REQUEST, reason)), response, json);
    }

    private ResponseEntity<Map<String, Object>> response(EntraException e) {
        return ResponseEntity.status(e.error().status()).cacheControl(CacheControl.noStore())
                .header(HttpHeaders.PRAGMA, "no-cache").body(body(e));
    }

    Map<String, Object> body(EntraException e) {
        String timestamp = TIMESTAMP.format(clock.instant());
        String traceId = CorrelationFilter.traceId();
        String correlationId = MDC.get(CorrelationFilter.MDC_KEY);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("error", e.error().error());
        json.put("error_description", e.description() + " Trace ID: " + traceId + " Correlation ID: " + correlationId
                + " Timestamp: " + timestamp);
        json.put("error_codes", List.of(e.error().code()));
        json.put("timestamp", timestamp);
        json.put("trace_id", traceId);
        json.put("correlation_id", correlationId);
        json.put("error_uri", urls.base() + "/error?code=" + e.error().code());
        if (e.error().suberror() != null) {
            json.put("suberror", e.error().suberror());
        }
        if (e.claims() != null) {
            json.put("claims", e.claims());
        }
        return json;
    }
}
