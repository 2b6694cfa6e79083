package dev.obo.sandbox.identity.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import dev.obo.sandbox.identity.error.EntraError;
import dev.obo.sandbox.identity.error.EntraException;

/**
 * The PKCE check at code redemption (RFC 7636 section 4.6): the {@code code_verifier} must hash,
 * S256, to the {@code code_challenge} of the authorization request, compared in constant time.
 */
final class Pkce {

    private Pkce() {
    }

    /** Refuses {@code verifier} for a code whose authorization request had {@code challenge} (null: none). */
    static void check(String challenge, String verifier) {
        if (challenge == null) {
            if (verifier != null) {
                // RFC 9700 section 2.1.1: a verifier without a challenge is a PKCE downgrade attempt.
                throw new EntraException(EntraError.PKCE_MISMATCH,
                        "A code_verifier was sent, but the authorization request had no code_challenge.");
            }
            return;
        }
        if (verifier == null) {
            throw new EntraException(EntraError.MISSING_PARAMETER, "code_verifier");
        }
        if (!MessageDigest.isEqual(s256(verifier).getBytes(StandardCharsets.US_ASCII), challenge.getBytes(StandardCharsets.US_ASCII))) {
            throw new EntraException(EntraError.PKCE_MISMATCH, "");
        }
    }

    private static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
