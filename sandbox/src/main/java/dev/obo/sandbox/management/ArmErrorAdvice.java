package dev.obo.sandbox.management;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import dev.obo.sandbox.form.JsonAnswer;
import dev.obo.sandbox.form.MalformedRequestAnswer;

/**
 * Renders {@link ArmException} as ARM's error JSON: {@code {"error":{"code":...,"message":...}}}.
 * Also the ARM stand-in's answer to a request body it cannot read: ARM's {@code InvalidRequestContent}.
 */
@RestControllerAdvice(assignableTypes = SubscriptionsController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ArmErrorAdvice implements MalformedRequestAnswer {

    private static final Logger log = LoggerFactory.getLogger(ArmErrorAdvice.class);

    private final JsonMapper json;

    ArmErrorAdvice(JsonMapper json) {
        this.json = json;
    }

    @ExceptionHandler(ArmException.class)
    ResponseEntity<Map<String, Object>> armError(ArmException e) {
        log.info("event=arm_refused status={} code={}", e.status().value(), e.code());
        return response(e);
    }

    @Override
    public boolean answers(HttpServletRequest request) {
        return ArmHeadersFilter.isArm(request);
    }

    @Override
    public void answer(String reason, HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonAnswer.write(response(new ArmException(HttpStatus.BAD_REQUEST, "InvalidRequestContent",
                "The request content was invalid and could not be deserialized: '" + reason + "'")), response, json);
    }

    private static ResponseEntity<Map<String, Object>> response(ArmException e) {
        return e.response().body(Map.of("error", Map.of("code", e.code(), "message", e.getMessage())));
    }
}
