package dev.obo.sandbox.identity.error;

import org.springframework.http.HttpStatus;

/**
 * The Entra ID errors the sandbox returns: AADSTS number, OAuth {@code error}, HTTP status
 * and the message, worded as Entra words it. One row per case, so that
 * {@code error_codes} always carries the number of the case, never one derived from
 * the {@code error} string.
 */
public enum EntraError {
    MISSING_PARAMETER(900144, "invalid_request", "The request body must contain the following parameter: '%s'."),
    DUPLICATE_PARAMETER(9000411, "invalid_request", "The request is not properly formatted. The parameter '%s' is duplicated."),
    POST_ONLY(900561, "invalid_request", "The endpoint only accepts POST requests. Received a %s request."),
    MALFORMED_REQUEST(9002313, "invalid_request", "Invalid request. Request is malformed or invalid. %s"),
    INVALID_INSTANCE(50049, "invalid_instance", "Unknown or invalid instance."),
    UNKNOWN_TENANT(90002, "invalid_tenant", "Tenant '%s' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud."),
    UNSUPPORTED_GRANT_TYPE(70003, "unsupported_grant_type", "The app requested an unsupported grant type '%s'."),
    UNSUPPORTED_RESPONSE_TYPE(700054, "unsupported_response_type", "response_type '%s' is not supported. The sandbox supports response_type=code."),
    UNKNOWN_CLIENT(700016, "unauthorized_client", "Application with identifier '%s' was not found in the directory '%s'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant."),
    INVALID_CLIENT_SECRET(7000215, "invalid_client", HttpStatus.UNAUTHORIZED, "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '%s'."),
    MISSING_CLIENT_CREDENTIAL(7000218, "invalid_client", HttpStatus.UNAUTHORIZED, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'."),
    PUBLIC_CLIENT_WITH_CREDENTIAL(700025, "invalid_client", HttpStatus.UNAUTHORIZED, "Client is public so neither 'client_assertion' nor 'client_secret' should be presented."),
    INVALID_CLIENT_ASSERTION(700027, "invalid_client", HttpStatus.UNAUTHORIZED, "Client assertion failed signature validation. %s"),
    // Workload identity federation: a client_assertion issued by another identity provider (issue 15).
    FEDERATED_ISSUER_NOT_FOUND(700211, "invalid_client", HttpStatus.UNAUTHORIZED, "No matching federated identity record found for presented assertion issuer '%s'. Please check your federated identity credential Subject, Audience and Issuer against the presented assertion. " + Docs.FEDERATION),
    FEDERATED_AUDIENCE_NOT_FOUND(700212, "invalid_client", HttpStatus.UNAUTHORIZED, "No matching federated identity record found for presented assertion audience '%s'. Please check your federated identity credential Subject, Audience and Issuer against the presented assertion. " + Docs.FEDERATION),
    FEDERATED_SUBJECT_NOT_FOUND(700213, "invalid_client", HttpStatus.UNAUTHORIZED, "No matching federated identity record found for presented assertion subject '%s'. Please check your federated identity credential Subject, Audience and Issuer against the presented assertion. " + Docs.FEDERATION),
    CLIENT_ASSERTION_TIME_RANGE(700024, "invalid_client", HttpStatus.UNAUTHORIZED, "Client assertion is not within its valid time range. Current time: %s, assertion valid from %s, expiry time of assertion %s. Review the documentation at https://docs.microsoft.com/azure/active-directory/develop/active-directory-certificate-credentials ."),
    INVALID_JWT(50027, "invalid_request", "JWT token is invalid or malformed. %s"),
    EXTERNAL_OIDC_FAILED(90061, "invalid_request", "Request to External OIDC endpoint failed. %s"),
    ENTRA_TOKEN_NOT_MANAGED_IDENTITY(700226, "invalid_client", HttpStatus.UNAUTHORIZED, "Only MSI tokens may be used as Federated Identity Credentials for AAD issuer."),
    REDIRECT_URI_MISMATCH(50011, "invalid_request", "The redirect URI '%s' specified in the request does not match the redirect URIs configured for the application '%s'. Make sure the redirect URI sent in the request matches one added to your application."),
    INVALID_GRANT_VALUE(70000, "invalid_grant", "The provided value for the '%s' parameter is not valid. %s"),
    CODE_ALREADY_REDEEMED(54005, "invalid_grant", "OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token."),
    CODE_EXPIRED(70008, "invalid_grant", "The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource."),
    PKCE_MISMATCH(501481, "invalid_grant", "The Code_Verifier does not match the code_challenge supplied in the authorization request. %s"),
    PKCE_REQUIRED(9002325, "invalid_request", "Proof Key for Code Exchange is required for cross-origin authorization code redemption."),
    INVALID_ASSERTION(50013, "invalid_grant", "Assertion failed signature validation. [Reason - %s]"),
    ASSERTION_EXPIRED(500133, "invalid_grant", "Assertion is not within its valid time range. Ensure that the access token is not expired before using it for user assertion, or request a new token. Current time: %s, expiry time of assertion %s."),
    ASSERTION_AUDIENCE(500131, "invalid_grant", "Assertion audience does not match the Client app presenting the assertion. The audience in the assertion was '%s' and the expected audience is '%s' or one of the Application Uris of this application with App ID '%s'. The downstream client must request a token for the middle-tier API, using the middle-tier API's scope."),
    INVALID_SCOPE(70011, "invalid_scope", "The provided value for the input parameter 'scope' is not valid. %s"),
    MULTIPLE_RESOURCES(28000, "invalid_scope", "Provided value for the input parameter scope is not valid because it contains more than one resource. Scope %s is not valid."),
    CLIENT_CREDENTIALS_SCOPE(1002012, "invalid_scope", "The provided value for scope %s is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI)."),
    RESOURCE_NOT_FOUND(500011, "invalid_resource", "The resource principal named %s was not found in the tenant named %s. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant."),
    PERMISSION_NOT_REQUIRED(65005, "invalid_client", "Misconfigured application. The application '%s' asked for scope '%s' of resource '%s', which its app registration does not list in its required permissions (requiredResourceAccess)."),
    CONSENT_REQUIRED(65001, "invalid_grant", "The user or administrator has not consented to use the application with ID '%s' named '%s'. Send an interactive authorization request for this user and resource."),
    CONSENT_DECLINED(65004, "access_denied", "User declined to consent to access the app."),
    MFA_REQUIRED(50076, "interaction_required", "Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '%s'."),
    LOGIN_REQUIRED(50058, "login_required", "A silent sign-in request was sent but no user is signed in."),
    INVALID_CREDENTIALS(50126, "invalid_grant", "Error validating credentials due to invalid username or password."),
    TOKENS_REVOKED(50173, "invalid_grant", "The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password. The grant was issued on '%s' and the TokensValidFrom date (before which tokens are not valid) for this user is '%s'."),
    // Entra's word for a disabled account at the token endpoint is not documented; invalid_grant is the sandbox's choice.
    USER_DISABLED(50057, "invalid_grant", "The user account is disabled. The user object in Active Directory backing this account has been disabled. An admin can re-enable this account through PowerShell"),
    // The same at the authorize endpoint, sent back to the client as an OAuth error (Entra shows it on its own page).
    USER_DISABLED_AT_SIGN_IN(50057, "access_denied", "The user account is disabled. The user object in Active Directory backing this account has been disabled. An admin can re-enable this account through PowerShell"),
    USER_NOT_FOUND(50034, "invalid_grant", "The user account %s does not exist in the %s directory. To sign into this application, the account must be added to the directory."),
    PASSWORD_GRANT_DISABLED(70003, "unsupported_grant_type", "The app requested an unsupported grant type 'password'. The resource-owner password grant is switched off in this sandbox (sandbox.identity.password-grant-enabled).");

    private static final class Docs {
        static final String FEDERATION = "https://learn.microsoft.com/entra/workload-id/workload-identity-federation";
    }

    private final int code;
    private final String error;
    private final HttpStatus status;
    private final String message;

    EntraError(int code, String error, String message) {
        this(code, error, HttpStatus.BAD_REQUEST, message);
    }

    EntraError(int code, String error, HttpStatus status, String message) {
        this.code = code;
        this.error = error;
        this.status = status;
        this.message = message;
    }

    public int code() {
        return code;
    }

    public String error() {
        return error;
    }

    public HttpStatus status() {
        return status;
    }

    /** {@code AADSTSnnnnn: } followed by the message with {@code args} filled in. */
    public String describe(Object... args) {
        return "AADSTS" + code + ": " + String.format(message, args);
    }

    /** The {@code suberror} Entra adds to this error, or null. */
    public String suberror() {
        return switch (this) {
            case CONSENT_REQUIRED -> "consent_required";
            case TOKENS_REVOKED -> "bad_token";
            default -> null;
        };
    }
}
