package dev.obo.onbehalf.token;

import dev.obo.onbehalf.OnBehalfOfException;

/**
 * Entra answered On-Behalf-Of with {@code interaction_required} and a {@code claims}
 * challenge (conditional access, such as MFA): the user must sign in again with those claims.
 */
public class ClaimsChallengeException extends OnBehalfOfException {

    private final String claims;

    public ClaimsChallengeException(String description, String claims) {
        super(description);
        this.claims = claims;
    }

    /** The claims challenge, JSON as Entra sent it. */
    public String claims() {
        return claims;
    }
}
