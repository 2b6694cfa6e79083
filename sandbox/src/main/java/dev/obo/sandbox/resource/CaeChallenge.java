package dev.obo.sandbox.resource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import dev.obo.sandbox.identity.claims.ClaimsRequest;

/**
 * Why a resource stand-in refuses a CAE token, and the claims challenge it answers with: a token
 * issued at {@code tokensValidFrom} or later, in the {@code WWW-Authenticate} header's
 * {@code claims} parameter as standard base64 ("a quoted string containing a base 64 encoded
 * claims request", Microsoft's claims-challenge page).
 */
public record CaeChallenge(Reason reason, Instant tokensValidFrom) {

    /** The critical event behind the challenge. */
    public enum Reason {
        /** The token was issued before the user's tokens-valid-from (sessions revoked, password reset). */
        REVOKED,
        /** The user's account is disabled. */
        DISABLED
    }

    /** The claims request, base64: {@code {"access_token":{"nbf":{"essential":true,"value":"<epoch seconds>"}}}}. */
    public String claims() {
        return Base64.getEncoder().encodeToString(ClaimsRequest.notBeforeChallenge(tokensValidFrom).getBytes(StandardCharsets.UTF_8));
    }
}
