package dev.obo.sandbox.managedidentity;

import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Renders {@link ImdsException} as IMDS's error JSON, {@code {"error","error_description"}}. */
@RestControllerAdvice(assignableTypes = ManagedIdentityController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ManagedIdentityErrorAdvice {

    private static final Logger log = LoggerFactory.getLogger(ManagedIdentityErrorAdvice.class);

    @ExceptionHandler(ImdsException.class)
    ResponseEntity<Map<String, Object>> refused(ImdsException e) {
        log.info("event=managed_identity_token_refused status={} error={}", e.status().value(), e.error());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e.error());
        body.put("error_description", e.getMessage());
        ResponseEntity.BodyBuilder response = ResponseEntity.status(e.status()).cacheControl(CacheControl.noStore());
        if (e.retryAfter() != null) {
            response.header(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfter().toSeconds()));
        }
        return response.body(body);
    }
}
