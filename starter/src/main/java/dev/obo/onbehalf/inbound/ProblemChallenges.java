package dev.obo.onbehalf.inbound;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import tools.jackson.databind.json.JsonMapper;

import dev.obo.onbehalf.problem.ProblemTypes;

/**
 * Refusals of the inbound token: Spring Security's RFC 6750 {@code WWW-Authenticate}
 * challenge (401 {@code invalid_token}, 403 {@code insufficient_scope}) with an RFC 9457
 * problem body that tells the caller what to do next.
 */
final class ProblemChallenges implements AuthenticationEntryPoint, AccessDeniedHandler, AuthenticationFailureHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemChallenges.class);

    private final BearerTokenAuthenticationEntryPoint entryPoint = new BearerTokenAuthenticationEntryPoint();
    private final BearerTokenAccessDeniedHandler deniedHandler = new BearerTokenAccessDeniedHandler();
    private final JsonMapper json;
    private final List<String> requiredScopes;

    ProblemChallenges(JsonMapper json, List<String> requiredScopes) {
        this.json = json;
        this.requiredScopes = requiredScopes;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e) throws IOException {
        entryPoint.commence(request, response, e);
        // The entry point sets the status of the RFC 6750 error: 400 invalid_request, else 401 invalid_token.
        HttpStatus status = HttpStatus.valueOf(response.getStatus());
        ProblemDetail problem;
        if (status == HttpStatus.BAD_REQUEST) {
            problem = ProblemDetail.forStatusAndDetail(status, "The request is malformed: " + e.getMessage()
                    + ". Send one access token for this API, in one Authorization header.");
            problem.setType(ProblemTypes.INVALID_REQUEST);
            problem.setTitle("Invalid request");
        } else {
            problem = ProblemDetail.forStatusAndDetail(status, request.getHeader(HttpHeaders.AUTHORIZATION) == null
                    ? "No bearer token. Send an access token for this API in the Authorization header."
                    : "The bearer token was refused: " + e.getMessage() + ". Get a new access token for this API and retry.");
            problem.setType(ProblemTypes.INVALID_TOKEN);
            problem.setTitle("Invalid token");
        }
        log.info("event=token_refused status={} reason=\"{}\"", status.value(), e.getMessage());
        write(response, problem);
    }

    /**
     * A failed bearer authentication: a refused token gets the 401 challenge; a token that
     * could not be checked because the identity provider's keys could not be fetched (down,
     * or the rate limit on refreshes for unknown {@code kid}s reached) gets 503 with {@code Retry-After}.
     */
    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        if (!(e instanceof AuthenticationServiceException)) {
            commence(request, response, e);
            return;
        }
        log.warn("event=token_unverifiable status=503 reason=\"{}\"", e.getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The token could not be checked: the identity provider's signing keys could not be fetched. Retry in a few seconds.");
        problem.setType(ProblemTypes.IDENTITY_PROVIDER_UNAVAILABLE);
        problem.setTitle("Identity provider unavailable");
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, "5");
        write(response, problem);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e) throws IOException {
        deniedHandler.handle(request, response, e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
                "The token does not carry a scope this API requires. Ask for one of: " + String.join(", ", requiredScopes) + ".");
        problem.setType(ProblemTypes.INSUFFICIENT_SCOPE);
        problem.setTitle("Insufficient scope");
        log.info("event=token_refused status=403 reason=insufficient_scope");
        write(response, problem);
    }

    private void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
