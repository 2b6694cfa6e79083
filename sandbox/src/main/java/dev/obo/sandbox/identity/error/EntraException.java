package dev.obo.sandbox.identity.error;

/**
 * A request the sandbox refuses the way Entra ID would. Carries the {@link EntraError}
 * case, its filled-in description and, for conditional access, the {@code claims}
 * challenge the client must send back to the authorize endpoint.
 */
public class EntraException extends RuntimeException {

    private final EntraError error;
    private final String description;
    private final String claims;

    public EntraException(EntraError error, Object... args) {
        this(error, null, args);
    }

    private EntraException(EntraError error, String claims, Object... args) {
        super(error.describe(args));
        this.error = error;
        this.description = error.describe(args);
        this.claims = claims;
    }

    /** A conditional-access refusal carrying a claims challenge (JSON). */
    public static EntraException withClaims(EntraError error, String claims, Object... args) {
        return new EntraException(error, claims, args);
    }

    public EntraError error() {
        return error;
    }

    public String description() {
        return description;
    }

    public String claims() {
        return claims;
    }
}
