package dev.obo.sandbox.graph;

import java.io.IOException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

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
 * Renders {@link GraphException} as Microsoft Graph's error JSON, for the Graph stand-in and the admin
 * operations on users ({@link UserAdminController}):
 * {@code {"error":{"code":...,"message":...,"innerError":{"date":...,"request-id":...,"client-request-id":...}}}}.
 * Also the Graph stand-in's answer to a request whose parameters it cannot read: Graph's {@code BadRequest}.
 */
@RestControllerAdvice(assignableTypes = {MeController.class, UserAdminController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class GraphErrorAdvice implements MalformedRequestAnswer {

    private static final Logger log = LoggerFactory.getLogger(GraphErrorAdvice.class);
    // Graph's form: UTC, to the second, without an offset.
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private final Clock clock;
    private final JsonMapper json;

    GraphErrorAdvice(Clock clock, JsonMapper json) {
        this.clock = clock;
        this.json = json;
    }

    @ExceptionHandler(GraphException.class)
    ResponseEntity<Map<String, Object>> graphError(GraphException e, HttpServletRequest request) {
        log.info("event=graph_refused status={} code={}", e.status().value(), e.code());
        return response(e, request);
    }

    @Override
    public boolean answers(HttpServletRequest request) {
        return GraphHeadersFilter.isGraph(request);
    }

    @Override
    public void answer(String reason, HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonAnswer.write(response(new GraphException(HttpStatus.BAD_REQUEST, "BadRequest", reason), request), response, json);
    }

    private ResponseEntity<Map<String, Object>> response(GraphException e, HttpServletRequest request) {
        // The admin endpoints are not Graph's paths, which GraphHeadersFilter gives ids: a new one, as Graph would.
        Object requestId = Objects.requireNonNullElseGet(request.getAttribute(GraphHeadersFilter.REQUEST_ID), () -> UUID.randomUUID().toString());
        Map<String, Object> innerError = new LinkedHashMap<>();
        innerError.put("date", DATE.format(clock.instant()));
        innerError.put("request-id", requestId);
        innerError.put("client-request-id", Objects.requireNonNullElse(request.getAttribute(GraphHeadersFilter.CLIENT_REQUEST_ID), requestId));
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", e.code());
        error.put("message", e.getMessage());
        error.put("innerError", innerError);
        return e.response().body(Map.of("error", error));
    }
}
