package dev.obo.web.security;

import java.io.Serializable;
import java.util.Objects;

/**
 * What the API asked of the user, kept in the session across the round trip to the
 * identity provider: consent (sign in with {@code prompt=consent}), a claims challenge
 * (sign in with {@code claims}: conditional access such as MFA, or continuous access
 * evaluation) or a new token (sign in again, with {@code claims} when the API gave them), and
 * the page to come back to; with what the API answered (for the picture of how the page came
 * about) and which round trip this is since the API last answered without a challenge.
 */
public record PendingChallenge(Kind kind, String claims, String returnTo, Refusal refusal, int round) implements Serializable {

    public static final String SESSION_ATTRIBUTE = PendingChallenge.class.getName();
    /**
     * Set after a round trip, to the challenge it answered: the same challenge again means it did
     * not help, so do not loop. Removed when the page is shown, so it tells that page (only) how it came about.
     */
    public static final String ANSWERED_ATTRIBUTE = PendingChallenge.class.getName() + ".answered";
    /** Round trips to the identity provider in a row, each for another challenge, before the user is told instead of sent again. */
    static final int MOST_ROUNDS = 3;

    /** The kinds of challenge the API sends. */
    public enum Kind { CONSENT, CLAIMS, TOKEN }

    /** Only a local path: never an open redirect. */
    public PendingChallenge {
        returnTo = returnTo != null && returnTo.startsWith("/") && !returnTo.startsWith("//") && !returnTo.contains("\\")
                ? returnTo : "/";
    }

    /** A first challenge, without the API's answer. */
    public PendingChallenge(Kind kind, String claims, String returnTo) {
        this(kind, claims, returnTo, null, 1);
    }

    /** The challenge the API sent after {@code answered} (null: after an answer without one) was answered. */
    public static PendingChallenge after(PendingChallenge answered, Kind kind, String claims, Refusal refusal, String returnTo) {
        return new PendingChallenge(kind, claims, returnTo, refusal, answered == null ? 1 : answered.round() + 1);
    }

    /**
     * Whether signing in again for this challenge would loop: it asks what the one just answered
     * asked (the same kind, the same claims), or it comes after too many round trips in a row.
     * A different ask is followed: after signing in again for continuous access evaluation, a
     * user under an MFA policy is asked for MFA next.
     */
    public boolean repeats(PendingChallenge answered) {
        return answered != null && (answered.kind() == kind && Objects.equals(answered.claims(), claims) || round > MOST_ROUNDS);
    }

    /**
     * What the API answered, in short, for the picture: its status and error
     * ({@code 401 insufficient_claims}), who refused ({@link #ARM}, {@link #GRAPH}, the identity
     * provider at {@link #ON_BEHALF_OF}, or the {@link #API} itself), and why in a few words.
     */
    public record Refusal(String answer, String by, String reason) implements Serializable {

        public static final String ARM = "ARM";
        public static final String GRAPH = "Graph";
        public static final String ON_BEHALF_OF = "On-Behalf-Of";
        public static final String API = "API";

        /** E.g. {@code 401 insufficient_claims (ARM: session revoked)}. */
        public String label() {
            return answer + " (" + by + ": " + reason + ")";
        }
    }
}
