package dev.obo.web.apiclient;

import dev.obo.web.security.PendingChallenge.Kind;

/**
 * The API needs the user to sign in again: to consent, to satisfy a claims challenge (conditional
 * access, such as MFA), or for a new token because it refused this one ({@code invalid_token},
 * as after the identity provider rolled its keys or restarted).
 */
public class ApiChallengeException extends RuntimeException {

    private final Kind kind;
    private final String claims;

    ApiChallengeException(Kind kind, String claims) {
        super("the API asks the user for " + kind);
        this.kind = kind;
        this.claims = claims;
    }

    /** What the API asks, as the sign-in that answers it keeps it. */
    public Kind kind() {
        return kind;
    }

    /** For {@link Kind#CLAIMS}: the claims challenge JSON. */
    public String claims() {
        return claims;
    }
}
