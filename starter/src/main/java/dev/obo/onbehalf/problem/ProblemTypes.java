package dev.obo.onbehalf.problem;

import java.net.URI;

/**
 * The {@code type} of every RFC 9457 problem the starter answers with, in one place, so that a
 * client can act on each: sign in again, consent, get a new token, or retry later.
 */
public final class ProblemTypes {

    /** 401: no token, or a token that failed a check or that the identity provider refused as an assertion. */
    public static final URI INVALID_TOKEN = URI.create("urn:onbehalf:problem:invalid-token");
    /** 400: a malformed bearer request (RFC 6750 {@code invalid_request}), such as two {@code Authorization} headers. */
    public static final URI INVALID_REQUEST = URI.create("urn:onbehalf:problem:invalid-request");
    /** 403: a valid token without a required scope. */
    public static final URI INSUFFICIENT_SCOPE = URI.create("urn:onbehalf:problem:insufficient-scope");
    /** 401 {@code insufficient_claims}: the identity provider asks the user to sign in again with the claims (conditional access, such as MFA). */
    public static final URI CLAIMS_CHALLENGE = URI.create("urn:onbehalf:problem:claims-challenge");
    /**
     * 401 {@code insufficient_claims}: a downstream API refused the user's token with a claims challenge
     * (continuous access evaluation: sessions revoked, password reset, account disabled, a policy); sign in
     * again with the claims.
     */
    public static final URI DOWNSTREAM_CLAIMS_CHALLENGE = URI.create("urn:onbehalf:problem:downstream-claims-challenge");
    /** 403: the user must consent to this API calling the downstream API for them. */
    public static final URI CONSENT_REQUIRED = URI.create("urn:onbehalf:problem:consent-required");
    /** 503 with {@code Retry-After}: the identity provider (its keys or its token endpoint) is out of reach. */
    public static final URI IDENTITY_PROVIDER_UNAVAILABLE = URI.create("urn:onbehalf:problem:identity-provider-unavailable");
    /**
     * 503 with {@code Retry-After}: this API's own credential failed: its source (a token file, a managed identity
     * endpoint) could not give it, or the identity provider refused it ({@code invalid_client}). The operator fixes it.
     */
    public static final URI CREDENTIAL_UNAVAILABLE = URI.create("urn:onbehalf:problem:credential-unavailable");
    /** 502: the identity provider refused this API's token request: a configuration problem of the API. */
    public static final URI IDENTITY_PROVIDER_REFUSED = URI.create("urn:onbehalf:problem:identity-provider-refused");

    /** 502: a downstream API called through the starter's interceptor failed or refused; with {@code Retry-After} when passing. */
    public static final URI DOWNSTREAM_ERROR = URI.create("urn:onbehalf:problem:downstream-error");

    private ProblemTypes() {
    }
}
