package dev.obo.sandbox.identity.jose;

import java.time.Instant;

/** Why {@link TenantTokenVerifier} refused a token: its {@link Kind} and a reason fit to show the caller. */
public class InvalidTokenException extends RuntimeException {

    /** What is wrong with the token. */
    public enum Kind { MALFORMED, SIGNATURE, ISSUER, EXPIRED }

    private final Kind kind;
    private final transient Instant now;
    private final transient Instant expiry;

    InvalidTokenException(Kind kind, String reason) {
        this(kind, reason, null, null);
    }

    InvalidTokenException(Kind kind, String reason, Instant now, Instant expiry) {
        super(reason);
        this.kind = kind;
        this.now = now;
        this.expiry = expiry;
    }

    public Kind kind() {
        return kind;
    }

    /** For {@link Kind#EXPIRED}: the time of the check. */
    public Instant now() {
        return now;
    }

    /** For {@link Kind#EXPIRED}: the token's expiry. */
    public Instant expiry() {
        return expiry;
    }
}
