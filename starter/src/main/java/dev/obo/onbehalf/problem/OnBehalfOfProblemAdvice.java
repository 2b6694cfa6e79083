package dev.obo.onbehalf.problem;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientResponseException;

import dev.obo.onbehalf.OnBehalfOfProperties;
import dev.obo.onbehalf.credential.CredentialUnavailableException;
import dev.obo.onbehalf.token.AssertionRefusedException;
import dev.obo.onbehalf.token.ClaimsChallengeException;
import dev.obo.onbehalf.token.ConsentRequiredException;
import dev.obo.onbehalf.token.DownstreamClaimsChallengeException;
import dev.obo.onbehalf.token.IdentityProviderUnavailableException;
import dev.obo.onbehalf.OnBehalfOfException;

/**
 * What On-Behalf-Of failures mean to the caller, as RFC 9457 problems with, for the user's own
 * next step, an RFC 6750 challenge: {@code insufficient_claims} with the claims to sign in again
 * with (conditional access, or a downstream API's claims challenge), the scope to consent to, a
 * token to replace, or a time to retry after. An application keeps it, or replaces it by
 * defining a bean of this type, or handles these exceptions in an advice of its own (which
 * comes first: this one has the lowest precedence).
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class OnBehalfOfProblemAdvice {

    /** The {@code Retry-After} of a passing outage when the failing party gave none. */
    public static final long RETRY_AFTER_SECONDS = 5;
    private static final Logger log = LoggerFactory.getLogger(OnBehalfOfProblemAdvice.class);
    private static final Pattern AADSTS = Pattern.compile("AADSTS\\d+");
    /** What each refusal of an assertion means, in words for the caller. */
    private static final Map<String, String> REFUSALS = Map.of(
            "AADSTS50013", ": the token is not valid",
            "AADSTS500133", ": the token has expired",
            "AADSTS50173", ": the token was issued before the user's sessions were revoked",
            "AADSTS50057", ": the user's account is disabled");

    private final OnBehalfOfProperties properties;

    public OnBehalfOfProblemAdvice(OnBehalfOfProperties properties) {
        this.properties = properties;
    }

    @ExceptionHandler(ClaimsChallengeException.class)
    ResponseEntity<ProblemDetail> claimsChallenge(ClaimsChallengeException e) {
        ProblemDetail problem = problem(HttpStatus.UNAUTHORIZED, ProblemTypes.CLAIMS_CHALLENGE, "Additional sign-in required",
                "The identity provider needs the user to sign in again and satisfy a conditional-access policy (such as MFA). "
                        + "Sign the user in again with the claims in the WWW-Authenticate challenge, then retry.");
        problem.setProperty("claims", e.claims());
        log.info("event=obo_refused problem=claims-challenge");
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).header(HttpHeaders.WWW_AUTHENTICATE, insufficientClaims(e.claims())).body(problem);
    }

    @ExceptionHandler(DownstreamClaimsChallengeException.class)
    ResponseEntity<ProblemDetail> downstreamClaimsChallenge(DownstreamClaimsChallengeException e) {
        ProblemDetail problem = problem(HttpStatus.UNAUTHORIZED, ProblemTypes.DOWNSTREAM_CLAIMS_CHALLENGE, "Sign-in required again",
                "The downstream API '" + e.downstream() + "' refused the user's token with a claims challenge: continuous access "
                        + "evaluation found an event after the user signed in (sessions revoked, password reset, account disabled, "
                        + "or a changed policy). Sign the user in again with the claims in the WWW-Authenticate challenge, then retry.");
        problem.setProperty("downstream", e.downstream());
        problem.setProperty("claims", e.claims());
        log.info("event=downstream_refused problem=downstream-claims-challenge downstream={}", e.downstream());
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).header(HttpHeaders.WWW_AUTHENTICATE, insufficientClaims(e.claims())).body(problem);
    }

    /** RFC 6750's challenge with Microsoft's claims-challenge parameters: the claims to sign in again with, base64. */
    private String insufficientClaims(String claims) {
        return "Bearer realm=\"\", authorization_uri=\"" + properties.authorityBase() + "/oauth2/v2.0/authorize\", client_id=\""
                + properties.clientId() + "\", error=\"insufficient_claims\", claims=\"" + base64(claims) + "\"";
    }

    private static String base64(String claims) {
        return Base64.getEncoder().encodeToString(claims == null ? new byte[0] : claims.getBytes(StandardCharsets.UTF_8));
    }

    @ExceptionHandler(ConsentRequiredException.class)
    ResponseEntity<ProblemDetail> consentRequired(ConsentRequiredException e) {
        ProblemDetail problem = problem(HttpStatus.FORBIDDEN, ProblemTypes.CONSENT_REQUIRED, "Consent required",
                "The user has not consented to this API calling a downstream API on their behalf. "
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
        String code = code(e.getMessage());
        ProblemDetail problem = problem(HttpStatus.UNAUTHORIZED, ProblemTypes.INVALID_TOKEN, "Invalid token",
                "The identity provider refused the bearer token for On-Behalf-Of (" + code + REFUSALS.getOrDefault(code, "")
                        + "). Get a new access token for this API" + (e.claims() == null ? "" : ", signing in with the claims given,")
                        + " and retry.");
        String challenge = "Bearer error=\"invalid_token\", error_description=\"the token was refused for On-Behalf-Of\"";
        if (e.claims() != null) {
            problem.setProperty("claims", e.claims());
            challenge += ", claims=\"" + base64(e.claims()) + "\"";
        }
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).header(HttpHeaders.WWW_AUTHENTICATE, challenge).body(problem);
    }

    @ExceptionHandler(IdentityProviderUnavailableException.class)
    ResponseEntity<ProblemDetail> identityProviderUnavailable(IdentityProviderUnavailableException e) {
        log.warn("event=identity_provider_unavailable reason=\"{}\"", e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER_SECONDS))
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.IDENTITY_PROVIDER_UNAVAILABLE, "Identity provider unavailable",
                        "The identity provider could not be reached to get a token for a downstream API. Retry in a few seconds."));
    }

    /**
     * This API's credential failed: named (type and source, never its value) in one WARN line and in the detail. 503, as
     * the caller's request was fine and a rotated file, a recovered endpoint or a fixed registration makes it work.
     */
    @ExceptionHandler(CredentialUnavailableException.class)
    ResponseEntity<ProblemDetail> credentialUnavailable(CredentialUnavailableException e) {
        log.warn("event=credential_failed type={} source=\"{}\" code={} reason=\"{}\"", e.type(), e.source(),
                e.code() == null ? "none" : e.code(), e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER_SECONDS))
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.CREDENTIAL_UNAVAILABLE, "Credential unavailable",
                        "On-Behalf-Of could not be done: " + e.getMessage() + ". This is the API's problem, not the caller's; "
                                + "retry after the Retry-After delay."));
    }

    @ExceptionHandler(OnBehalfOfException.class)
    ResponseEntity<ProblemDetail> onBehalfOfRefused(OnBehalfOfException e) {
        log.warn("event=obo_refused problem=identity-provider-refused reason=\"{}\"", e.getMessage());
        return ResponseEntity.status(HttpStatus.BAD_GATEWAY).body(problem(HttpStatus.BAD_GATEWAY, ProblemTypes.IDENTITY_PROVIDER_REFUSED,
                "On-Behalf-Of refused", "The identity provider refused to give this API a token for a downstream API ("
                        + code(e.getMessage()) + "). This is a configuration problem of the API, not of the caller."));
    }

    /**
     * A downstream API's error that the application let through ({@code RestClient.retrieve()}
     * raises it): 502, with {@code Retry-After} when it may pass (429, 5xx).
     */
    @ExceptionHandler(RestClientResponseException.class)
    ResponseEntity<ProblemDetail> downstreamFailed(RestClientResponseException e) {
        int status = e.getStatusCode().value();
        boolean passing = status == 429 || status >= 500;
        log.warn("event=downstream_failed status={}", status);
        ProblemDetail problem = problem(HttpStatus.BAD_GATEWAY, ProblemTypes.DOWNSTREAM_ERROR, "Downstream API failed",
                "A downstream API answered " + status + (passing ? ". Retry after the Retry-After delay." : ". Retrying will not help."));
        problem.setProperty("downstreamStatus", status);
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(HttpStatus.BAD_GATEWAY);
        if (passing) {
            answer.header(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER_SECONDS));
        }
        return answer.body(problem);
    }

    /** A downstream API that could not be reached or did not answer in time: 502 with {@code Retry-After}. */
    @ExceptionHandler(ResourceAccessException.class)
    ResponseEntity<ProblemDetail> downstreamUnreachable(ResourceAccessException e) {
        log.warn("event=downstream_unreachable reason=\"{}\"", e.getMessage());
        return ResponseEntity.status(HttpStatus.BAD_GATEWAY).header(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER_SECONDS))
                .body(problem(HttpStatus.BAD_GATEWAY, ProblemTypes.DOWNSTREAM_ERROR, "Downstream API unreachable",
                        "A downstream API could not be reached or did not answer in time. Retry after the Retry-After delay."));
    }

    /** A problem of {@code type} with its title and what the caller can do next. */
    public static ProblemDetail problem(HttpStatus status, URI type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        problem.setTitle(title);
        return problem;
    }

    // The AADSTS number of an Entra description, without the rest (which may name ids).
    private static String code(String description) {
        Matcher m = AADSTS.matcher(description == null ? "" : description);
        return m.find() ? m.group() : "no AADSTS code";
    }
}
