package dev.obo.api;

import java.net.URI;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import dev.obo.api.arm.ArmException;
import dev.obo.api.me.GraphException;
import dev.obo.onbehalf.problem.OnBehalfOfProblemAdvice;

/**
 * The downstream APIs' failures as RFC 9457 problems: ARM throttling with its {@code Retry-After},
 * a subscription that is not the user's, a timeout, ARM or Graph failing or refusing, each passing
 * outage with a {@code Retry-After}. The On-Behalf-Of failures are the starter's
 * ({@link OnBehalfOfProblemAdvice}), which this advice comes before.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ProblemDetailsAdvice {

    static final URI ARM_ERROR = URI.create("urn:onbehalf:problem:arm-error");
    static final URI ARM_TIMEOUT = URI.create("urn:onbehalf:problem:arm-timeout");
    static final URI ARM_THROTTLED = URI.create("urn:onbehalf:problem:arm-throttled");
    static final URI NOT_FOUND = URI.create("urn:onbehalf:problem:subscription-not-found");
    static final URI GRAPH_ERROR = URI.create("urn:onbehalf:problem:graph-error");
    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @ExceptionHandler(ArmException.class)
    ResponseEntity<ProblemDetail> arm(ArmException e) {
        log.warn("event=arm_failed status={} code={} timed_out={}", e.status(), e.code(), e.timedOut());
        if (e.status() == 429 && !e.timedOut()) {
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, e.retryAfterSeconds())))
                    .body(withCode(problem(HttpStatus.TOO_MANY_REQUESTS, ARM_THROTTLED, "Azure Resource Manager is throttling",
                            "Azure Resource Manager is throttling reads for this user. Retry after the Retry-After delay."), e));
        }
        if (e.status() == 404) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(withCode(problem(HttpStatus.NOT_FOUND, NOT_FOUND,
                    "Subscription not found", "No subscription with that id is visible to the user."), e));
        }
        ProblemDetail problem;
        if (e.timedOut()) {
            problem = problem(HttpStatus.GATEWAY_TIMEOUT, ARM_TIMEOUT, "Azure Resource Manager timed out",
                    "Azure Resource Manager did not answer in time. Retry after the Retry-After delay.");
        } else {
            String detail = e.status() == 0 ? "Azure Resource Manager could not be reached. Retry after the Retry-After delay."
                    : "Azure Resource Manager answered " + e.status()
                            + (e.passing() ? ". Retry after the Retry-After delay." : ". Retrying will not help; ARM's code says why.");
            problem = withCode(problem(HttpStatus.BAD_GATEWAY, ARM_ERROR, "Azure Resource Manager failed", detail), e);
        }
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(problem.getStatus());
        if (e.passing()) {
            // A passing outage: pass on ARM's own hint, else ours.
            answer.header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds() > 0 ? e.retryAfterSeconds() : OnBehalfOfProblemAdvice.RETRY_AFTER_SECONDS));
        }
        return answer.body(problem);
    }

    @ExceptionHandler(GraphException.class)
    ResponseEntity<ProblemDetail> graph(GraphException e) {
        log.warn("event=graph_failed status={} code={}", e.status(), e.code());
        ProblemDetail problem = problem(HttpStatus.BAD_GATEWAY, GRAPH_ERROR, "Microsoft Graph failed", e.status() == 0
                ? "Microsoft Graph could not be reached. Retry after the Retry-After delay."
                : "Microsoft Graph answered " + e.status() + (e.passing() ? ". Retry after the Retry-After delay." : ". Retrying will not help; graphCode says why."));
        if (e.code() != null) {
            problem.setProperty("graphCode", e.code());
        }
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(HttpStatus.BAD_GATEWAY);
        if (e.passing()) {
            answer.header(HttpHeaders.RETRY_AFTER, Long.toString(OnBehalfOfProblemAdvice.RETRY_AFTER_SECONDS));
        }
        return answer.body(problem);
    }

    private static ProblemDetail problem(HttpStatus status, URI type, String title, String detail) {
        return OnBehalfOfProblemAdvice.problem(status, type, title, detail);
    }

    private static ProblemDetail withCode(ProblemDetail problem, ArmException e) {
        if (e.code() != null) {
            problem.setProperty("armCode", e.code());
        }
        return problem;
    }
}
