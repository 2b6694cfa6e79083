package dev.obo.sandbox.identity;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * The random part of the opaque values the tenant hands out (authorization codes, refresh
 * tokens): 256 bits from a {@link SecureRandom}, base64url, so that guessing one is infeasible
 * (RFC 6749 section 10.10, RFC 9700 section 4.14.2).
 */
public final class OpaqueValues {

    private static final SecureRandom RANDOM = new SecureRandom();

    private OpaqueValues() {
    }

    public static String next() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
