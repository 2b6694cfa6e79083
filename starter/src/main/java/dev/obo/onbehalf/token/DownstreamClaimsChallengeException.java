package dev.obo.onbehalf.token;

/**
 * A downstream API refused the user's token with a claims challenge (401 with {@code claims} in
 * its {@code WWW-Authenticate}): continuous access evaluation found an event after the token was
 * issued (sessions revoked, password reset, account disabled, a location policy), or the API needs
 * an authentication context. A token from the same assertion cannot satisfy it; the user must sign
 * in again with the claims.
 */
public class DownstreamClaimsChallengeException extends ClaimsChallengeException {

    private final String downstream;

    public DownstreamClaimsChallengeException(String downstream, String claims) {
        super("the downstream API " + downstream + " answered a claims challenge", claims);
        this.downstream = downstream;
    }

    /** The name of the downstream API that challenged ({@code onbehalf.downstream.<name>}). */
    public String downstream() {
        return downstream;
    }
}
