package dev.obo.sandbox.identity.authorize;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

import dev.obo.sandbox.identity.claims.AuthenticationMethods;

/**
 * Who is signed in at the sandbox and how: the user, the authentication methods used
 * ({@code amr}: {@code pwd}, and {@code mfa} after a second factor), when, and the
 * session id ({@code sid}) carried in ID tokens.
 */
public record SignIn(String username, List<String> amr, Instant authTime, String sid) implements Serializable {

    /** The {@code amr} value of a password (RFC 8176 section 2). */
    public static final String PASSWORD = AuthenticationMethods.PASSWORD;

    public boolean hasMfa() {
        return amr.contains(AuthenticationMethods.MFA);
    }

    SignIn withMfa() {
        return hasMfa() ? this : new SignIn(username, List.of(PASSWORD, AuthenticationMethods.MFA), authTime, sid);
    }
}
