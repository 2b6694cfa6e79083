package dev.obo.web.security;

import java.io.Serializable;

/**
 * What the API asked of the user, kept in the session across the round trip to the
 * identity provider: consent (sign in with {@code prompt=consent}), a claims challenge
 * (sign in with {@code claims}) or a new token (sign in again), and the page to come back to.
 */
public record PendingChallenge(Kind kind, String claims, String returnTo) implements Serializable {

    public static final String SESSION_ATTRIBUTE = PendingChallenge.class.getName();
    /** Set after a round trip: the same challenge again means it did not help, so do not loop. */
    public static final String ANSWERED_ATTRIBUTE = PendingChallenge.class.getName() + ".answered";

    /** The kinds of challenge the API sends. */
    public enum Kind { CONSENT, CLAIMS, TOKEN }

    /** Only a local path: never an open redirect. */
    public PendingChallenge {
        returnTo = returnTo != null && returnTo.startsWith("/") && !returnTo.startsWith("//") && !returnTo.contains("\\")
                ? returnTo : "/";
    }
}
