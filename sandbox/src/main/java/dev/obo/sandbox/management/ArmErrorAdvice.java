package dev.obo.sandbox.management;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Renders {@link ArmException} as ARM's error JSON: {@code {"error":{"code":...,"message":...}}}. */
@RestControllerAdvice(assignableTypes = SubscriptionsController.class)
class ArmErrorAdvice {

    private static final Logger log = LoggerFactory.getLogger(ArmErrorAdvice.class);

    @ExceptionHandler(ArmException.class)
    ResponseEntity<Map<String, Object>> armError(ArmException e) {
        log.info("event=arm_refused status={} code={}", e.status().value(), e.code());
        ResponseEntity.BodyBuilder response = ResponseEntity.status(e.status());
        if (e.wwwAuthenticate() != null) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, e.wwwAuthenticate());
        }
        if (e.retryAfter() != null) {
            response.header(HttpHeaders.RETRY_AFTER, e.retryAfter());
        }
        return response.body(Map.of("error", Map.of("code", e.code(), "message", e.getMessage())));
    }
}
