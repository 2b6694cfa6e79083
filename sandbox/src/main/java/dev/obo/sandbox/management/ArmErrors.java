package dev.obo.sandbox.management;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import dev.obo.sandbox.identity.TenantUrls;
import dev.obo.sandbox.identity.jose.InvalidTokenException;
import dev.obo.sandbox.resource.CaeChallenge;
import dev.obo.sandbox.resource.ResourceErrors;

/**
 * ARM's words for a caller it refuses and for the faults the sandbox injects, as Azure Resource
 * Manager answers: {@code AuthenticationFailed}, {@code InvalidAuthenticationToken[Audience]},
 * {@code ExpiredAuthenticationToken} (401, with ARM's challenge naming the identity side), a CAE
 * claims challenge ({@code InvalidAuthenticationToken}, 401),
 * {@code TooManyRequests}, {@code ServiceUnavailable}, {@code InternalServerError}.
 */
@Component
class ArmErrors implements ResourceErrors {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM/dd/yyyy HH:mm:ss").withZone(ZoneOffset.UTC);

    private final TenantUrls urls;

    ArmErrors(TenantUrls urls) {
        this.urls = urls;
    }

    @Override
    public ArmException missingToken() {
        return unauthenticated("AuthenticationFailed", "Authentication failed. The 'Authorization' header is missing.");
    }

    @Override
    public ArmException notBearer() {
        return unauthenticated("AuthenticationFailed", "Authentication failed. The 'Authorization' header is not in the 'Bearer <token>' form.");
    }

    @Override
    public ArmException invalidToken(InvalidTokenException reason) {
        if (reason.kind() == InvalidTokenException.Kind.EXPIRED) {
            return unauthenticated("ExpiredAuthenticationToken", "The access token expiry UTC time '" + TIME.format(reason.expiry())
                    + "' is earlier than current UTC time '" + TIME.format(reason.now()) + "'.");
        }
        return invalid("The access token is invalid: " + reason.getMessage() + ".");
    }

    @Override
    public ArmException wrongAudience(List<String> audience) {
        return unauthenticated("InvalidAuthenticationTokenAudience", "The access token has been obtained for wrong audience or resource '"
                + String.join(",", audience) + "'. It should exactly match with one of the allowed audiences "
                + "'https://management.core.windows.net/','https://management.azure.com/'.");
    }

    @Override
    public ArmException caeChallenge(CaeChallenge challenge) {
        String message = challenge.reason() == CaeChallenge.Reason.DISABLED
                ? "Continuous access evaluation resulted in challenge: the user account is disabled."
                : "Continuous access evaluation resulted in challenge: the access token was issued before the user's sessions were revoked.";
        return ArmException.claimsChallenge(message, urls.identityBase() + "/common/oauth2/authorize", challenge.claims());
    }

    /** ARM's 401 for a token that verified but may not be used here. */
    ArmException invalid(String message) {
        return unauthenticated("InvalidAuthenticationToken", message);
    }

    @Override
    public ArmException revoked() {
        return invalid("The access token is invalid: it was revoked (injected by the sandbox).");
    }

    @Override
    public ArmException throttled(Duration retryAfter) {
        return ArmException.throttled(HttpStatus.TOO_MANY_REQUESTS, "TooManyRequests",
                "The request is being throttled as the limit has been reached for operation type - Read.", retryAfter);
    }

    @Override
    public ArmException unavailable(Duration retryAfter) {
        return ArmException.throttled(HttpStatus.SERVICE_UNAVAILABLE, "ServiceUnavailable",
                "The service is temporarily unavailable. Please retry later.", retryAfter);
    }

    @Override
    public ArmException failed() {
        return new ArmException(HttpStatus.INTERNAL_SERVER_ERROR, "InternalServerError",
                "Encountered internal server error. Diagnostic information: injected by the sandbox.");
    }

    private ArmException unauthenticated(String code, String message) {
        // The identity side's base, never ARM's own host: ARM may be called as management.azure.com.
        return ArmException.unauthenticated(code, message, urls.identityBase() + "/");
    }
}
