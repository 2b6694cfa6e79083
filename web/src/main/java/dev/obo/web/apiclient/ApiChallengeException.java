package dev.obo.web.apiclient;

import dev.obo.web.security.PendingChallenge.Kind;
import dev.obo.web.security.PendingChallenge.Refusal;

/**
 * The API needs the user to sign in again: to consent, to satisfy a claims challenge (conditional
 * access, such as MFA, or continuous access evaluation: ARM or Graph refused the user's token
 * after an event such as revoked sessions), or for a new token because it refused this one
 * ({@code invalid_token}, as after the identity provider rolled its keys or restarted, or refused
 * it for On-Behalf-Of; with claims after a revocation).
 */
public class ApiChallengeException extends RuntimeException {

    private final Kind kind;
    private final String claims;
    private final Refusal refusal;

    ApiChallengeException(Kind kind, String claims) {
        this(kind, claims, null);
    }

    ApiChallengeException(Kind kind, String claims, Refusal refusal) {
        super("the API asks the user for " + kind);
        this.kind = kind;
        this.claims = claims;
        this.refusal = refusal;
    }

    /** What the API asks, as the sign-in that answers it keeps it. */
    public Kind kind() {
        return kind;
    }

    /** The claims (JSON) to sign in again with: for {@link Kind#CLAIMS}, and for {@link Kind#TOKEN} when the API gave them; else null. */
    public String claims() {
        return claims;
    }

    /** What the API answered, in short, for the picture; null if not known. */
    public Refusal refusal() {
        return refusal;
    }
}
