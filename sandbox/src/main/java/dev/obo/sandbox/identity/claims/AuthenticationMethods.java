package dev.obo.sandbox.identity.claims;

/**
 * The authentication methods a sign-in records in {@code amr} (RFC 8176 section 2), as Entra
 * writes them, and as a claims request asks for them ({@code "amr":{"values":["mfa"]}}).
 */
public final class AuthenticationMethods {

    /** A password. */
    public static final String PASSWORD = "pwd";
    /** Multiple-factor authentication, the sandbox's one-time code. */
    public static final String MFA = "mfa";

    private AuthenticationMethods() {
    }
}
