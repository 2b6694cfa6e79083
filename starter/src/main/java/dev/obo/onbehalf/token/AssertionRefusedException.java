package dev.obo.onbehalf.token;

import dev.obo.onbehalf.OnBehalfOfException;

/**
 * The identity provider refused the user's token as an assertion: invalid (AADSTS50013), outside
 * its time window (AADSTS500133), issued before the user's sessions were revoked (AADSTS50173,
 * continuous access evaluation), or its user disabled (AADSTS50057). The caller needs a new token,
 * got with {@link #claims()} when the identity provider gave a claims challenge.
 */
public class AssertionRefusedException extends OnBehalfOfException {

    private final String claims;

    public AssertionRefusedException(String description) {
        this(description, null);
    }

    public AssertionRefusedException(String description, String claims) {
        super(description);
        this.claims = claims;
    }

    /** The claims challenge (JSON) the identity provider gave with its refusal, or null. */
    public String claims() {
        return claims;
    }
}
