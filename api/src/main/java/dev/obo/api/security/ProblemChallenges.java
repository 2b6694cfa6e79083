package dev.obo.api.security;

import java.io.IOException;
import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refusals of the inbound token: Spring Security's RFC 6750 {@code WWW-Authenticate}
 * challenge (401 {@code invalid_token}, 403 {@code insufficient_scope}) with an RFC 9457
 * problem body that tells the caller what to do next.
 */
@Component
class ProblemChallenges implements AuthenticationEntryPoint, AccessDeniedHandler {

    static final URI INVALID_TOKEN = URI.create("urn:onbehalf:problem:invalid-token");
    static final URI INSUFFICIENT_SCOPE = URI.create("urn:onbehalf:problem:insufficient-scope");
    private static final Logger log = LoggerFactory.getLogger(ProblemChallenges.class);

    private final BearerTokenAuthenticationEntryPoint entryPoint = new BearerTokenAuthenticationEntryPoint();
    private final BearerTokenAccessDeniedHandler deniedHandler = new BearerTokenAccessDeniedHandler();
    private final JsonMapper json;

    ProblemChallenges(JsonMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e) throws IOException {
        entryPoint.commence(request, response, e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
                request.getHeader(HttpHeaders.AUTHORIZATION) == null
                        ? "No bearer token. Send an access token for this API in the Authorization header."
                        : "The bearer token was refused: " + e.getMessage() + ". Get a new access token for this API and retry.");
        problem.setType(INVALID_TOKEN);
        problem.setTitle("Invalid token");
        log.info("event=token_refused status=401 reason=\"{}\"", e.getMessage());
        write(response, problem);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e) throws IOException {
        deniedHandler.handle(request, response, e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
                "The token does not carry the scope this API requires. Ask for the API's access_as_user scope.");
        problem.setType(INSUFFICIENT_SCOPE);
        problem.setTitle("Insufficient scope");
        log.info("event=token_refused status=403 reason=insufficient_scope");
        write(response, problem);
    }

    private void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
