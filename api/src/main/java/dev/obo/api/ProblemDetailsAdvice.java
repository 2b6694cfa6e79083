package dev.obo.api;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import dev.obo.api.arm.ArmException;
import dev.obo.api.obo.AssertionRefusedException;
import dev.obo.api.obo.ClaimsChallengeException;
import dev.obo.api.obo.ConsentRequiredException;
import dev.obo.api.obo.IdentityProviderUnavailableException;
import dev.obo.api.obo.OnBehalfOfException;

/**
 * Every failure of the API as an RFC 9457 problem, with a {@code type} the web app can
 * act on, and for the user's own next step an RFC 6750 challenge: {@code insufficient_claims}
 * with the claims to sign in again with (conditional access), or the scope to consent to.
 */
@RestControllerAdvice
class ProblemDetailsAdvice {

    static final URI CLAIMS_CHALLENGE = URI.create("urn:onbehalf:problem:claims-challenge");
    static final URI CONSENT_REQUIRED = URI.create("urn:onbehalf:problem:consent-required");
    static final URI INVALID_TOKEN = URI.create("urn:onbehalf:problem:invalid-token");
    static final URI IDP_UNAVAILABLE = URI.create("urn:onbehalf:problem:identity-provider-unavailable");
    static final URI IDP_REFUSED = URI.create("urn:onbehalf:problem:identity-provider-refused");
    static final URI ARM_ERROR = URI.create("urn:onbehalf:problem:arm-error");
    static final URI ARM_TIMEOUT = URI.create("urn:onbehalf:problem:arm-timeout");
    static final URI ARM_THROTTLED = URI.create("urn:onbehalf:problem:arm-throttled");
    static final URI NOT_FOUND = URI.create("urn:onbehalf:problem:subscription-not-found");
    /** The {@code Retry-After} of a passing outage when the failing party gave none. */
    static final long RETRY_AFTER_SECONDS = 5;
    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    private final ApiProperties properties;

    ProblemDetailsAdvice(ApiProperties properties) {
        this.properties = properties;
    }

    @ExceptionHandler(ClaimsChallengeException.class)
    ResponseEntity<ProblemDetail> claimsChallenge(ClaimsChallengeException e) {
        String claims = Base64.getEncoder().encodeToString(e.claims() == null ? new byte[0] : e.claims().getBytes(StandardCharsets.UTF_8));
        ProblemDetail problem = problem(HttpStatus.UNAUTHORIZED, CLAIMS_CHALLENGE, "Additional sign-in required",
                "The identity provider needs the user to sign in again and satisfy a conditional-access policy (such as MFA). "
                        + "Sign the user in again with the claims in the WWW-Authenticate challenge, then retry.");
        problem.setProperty("claims", e.claims());
        log.info("event=obo_refused problem=claims-challenge");
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"\", authorization_uri=\"" + properties.authority()
                        + "/oauth2/v2.0/authorize\", client_id=\"" + properties.clientId()
                        + "\", error=\"insufficient_claims\", claims=\"" + claims + "\"")
                .body(problem);
    }

    @ExceptionHandler(ConsentRequiredException.class)
    ResponseEntity<ProblemDetail> consentRequired(ConsentRequiredException e) {
        ProblemDetail problem = problem(HttpStatus.FORBIDDEN, CONSENT_REQUIRED, "Consent required",
                "The user has not consented to this API calling Azure Resource Manager on their behalf. "
                        + "Send the user to sign in with prompt=consent for the scope " + properties.consentScope() + ", then retry.");
        problem.setProperty("scope", properties.consentScope());
        log.info("event=obo_refused problem=consent-required");
        return ResponseEntity.status(HttpStatus.FORBIDDEN)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"insufficient_scope\", error_description=\"consent_required\", scope=\""
                        + properties.consentScope() + "\"")
                .body(problem);
    }

    @ExceptionHandler(AssertionRefusedException.class)
    ResponseEntity<ProblemDetail> assertionRefused(AssertionRefusedException e) {
        ProblemDetail problem = problem(HttpStatus.UNAUTHORIZED, INVALID_TOKEN, "Invalid token",
                "The identity provider refused the bearer token for On-Behalf-Of (" + code(e.getMessage())
                        + "). Get a new access token for this API and retry.");
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\", error_description=\"the token was refused for On-Behalf-Of\"")
                .body(problem);
    }

    @ExceptionHandler(IdentityProviderUnavailableException.class)
    ResponseEntity<ProblemDetail> identityProviderUnavailable(IdentityProviderUnavailableException e) {
        log.warn("event=identity_provider_unavailable reason=\"{}\"", e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER_SECONDS))
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, IDP_UNAVAILABLE, "Identity provider unavailable",
                        "The identity provider could not be reached to get a token for Azure Resource Manager. Retry in a few seconds."));
    }

    @ExceptionHandler(OnBehalfOfException.class)
    ResponseEntity<ProblemDetail> onBehalfOfRefused(OnBehalfOfException e) {
        log.warn("event=obo_refused problem=identity-provider-refused reason=\"{}\"", e.getMessage());
        return ResponseEntity.status(HttpStatus.BAD_GATEWAY).body(problem(HttpStatus.BAD_GATEWAY, IDP_REFUSED,
                "On-Behalf-Of refused", "The identity provider refused to give this API a token for Azure Resource Manager ("
                        + code(e.getMessage()) + "). This is a configuration problem of the API, not of the caller."));
    }

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
            answer.header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds() > 0 ? e.retryAfterSeconds() : RETRY_AFTER_SECONDS));
        }
        return answer.body(problem);
    }

    private static ProblemDetail problem(HttpStatus status, URI type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        problem.setTitle(title);
        return problem;
    }

    private static ProblemDetail withCode(ProblemDetail problem, ArmException e) {
        if (e.code() != null) {
            problem.setProperty("armCode", e.code());
        }
        return problem;
    }

    // The AADSTS number of an Entra description, without the rest (which may name ids).
    private static String code(String description) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("AADSTS\\d+").matcher(description == null ? "" : description);
        return m.find() ? m.group() : "no AADSTS code";
    }
}
