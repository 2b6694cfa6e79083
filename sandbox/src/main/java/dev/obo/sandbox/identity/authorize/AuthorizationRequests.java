package dev.obo.sandbox.identity.authorize;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;

import org.springframework.stereotype.Component;

import dev.obo.sandbox.identity.claims.ClaimsRequest;
import dev.obo.sandbox.identity.consent.Scopes;
import dev.obo.sandbox.identity.error.EntraError;
import dev.obo.sandbox.identity.error.EntraException;
import dev.obo.sandbox.tenant.Directory;
import dev.obo.sandbox.tenant.SandboxSeed.App;

/**
 * Checks an authorization request (RFC 6749 section 4.1.1, OpenID Connect Core 3.1.2.1,
 * RFC 7636). Client and redirect URI problems are {@link Unredirectable}: they are shown to
 * the user and never sent to an unchecked redirect URI (RFC 6749 section 4.1.2.1). Any
 * other problem is an {@link EntraException} the caller sends back to the client.
 */
@Component
class AuthorizationRequests {

    // RFC 7636 section 4.2: base64url of a SHA-256 digest, without padding.
    private static final Pattern S256_CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Set<String> PROMPTS = Set.of("login", "none", "consent", "select_account");

    private final Directory directory;
    private final Scopes scopes;

    AuthorizationRequests(Directory directory, Scopes scopes) {
        this.directory = directory;
        this.scopes = scopes;
    }

    /** The client and redirect URI, checked exactly (RFC 9700 section 2.1): the part of a request that decides where errors may go. */
    Target target(String tenant, Map<String, String[]> params) {
        if (!directory.isTenant(tenant)) {
            throw new Unredirectable(new EntraException(EntraError.UNKNOWN_TENANT, tenant));
        }
        String clientId = single(params, "client_id");
        if (clientId == null) {
            throw new Unredirectable(new EntraException(EntraError.MISSING_PARAMETER, "client_id"));
        }
        App client = directory.app(clientId).orElseThrow(() -> new Unredirectable(
                new EntraException(EntraError.UNKNOWN_CLIENT, clientId, directory.tenant().id())));
        String redirectUri = single(params, "redirect_uri");
        if (!client.allowsRedirectTo(redirectUri)) {
            throw new Unredirectable(new EntraException(EntraError.REDIRECT_URI_MISMATCH, redirectUri, client.clientId()));
        }
        String responseMode = single(params, "response_mode");
        return new Target(client, redirectUri, "form_post".equals(responseMode) ? "form_post" : "query", single(params, "state"));
    }

    /** The rest of the request, once {@link #target} passed. */
    PendingAuthorization read(Target target, Map<String, String[]> params) {
        for (Map.Entry<String, String[]> e : params.entrySet()) {
            if (e.getValue().length > 1) {
                throw new EntraException(EntraError.DUPLICATE_PARAMETER, e.getKey());
            }
        }
        String responseType = single(params, "response_type");
        if (responseType == null) {
            throw new EntraException(EntraError.MISSING_PARAMETER, "response_type");
        }
        if (!"code".equals(responseType)) {
            throw new EntraException(EntraError.UNSUPPORTED_RESPONSE_TYPE, responseType);
        }
        String responseMode = single(params, "response_mode");
        if (responseMode != null && !Set.of("query", "form_post").contains(responseMode)) {
            throw new EntraException(EntraError.MALFORMED_REQUEST, "response_mode must be query or form_post.");
        }
        String scope = single(params, "scope");
        scopes.parse(scope);
        String challenge = single(params, "code_challenge");
        String method = single(params, "code_challenge_method");
        if (challenge == null && target.client().publicClient()) {
            throw new EntraException(EntraError.PKCE_REQUIRED);
        }
        if (challenge != null && !CodeChallengeMethod.S256.getValue().equals(method)) {
            throw new EntraException(EntraError.MALFORMED_REQUEST, "code_challenge_method must be S256.");
        }
        if (challenge != null && !S256_CHALLENGE.matcher(challenge).matches()) {
            throw new EntraException(EntraError.MALFORMED_REQUEST, "code_challenge must be a base64url SHA-256 digest (43 characters).");
        }
        String prompt = single(params, "prompt");
        if (prompt != null && !PROMPTS.contains(prompt)) {
            throw new EntraException(EntraError.MALFORMED_REQUEST, "prompt must be one of login, none, consent, select_account.");
        }
        ClaimsRequest claims = ClaimsRequest.parse(single(params, "claims"));
        return new PendingAuthorization(target.client().clientId(), target.redirectUri(), target.responseMode(), scope,
                target.state(), single(params, "nonce"), challenge, prompt, single(params, "login_hint"),
                claims, false, false, null);
    }

    private static String single(Map<String, String[]> params, String name) {
        String[] values = params.get(name);
        return values == null || values.length == 0 || values[0].isBlank() ? null : values[0];
    }

    /** Where the answer to an authorization request may be sent. */
    record Target(App client, String redirectUri, String responseMode, String state) {}

    /** A problem with the client or redirect URI: shown on a page, never redirected. */
    static final class Unredirectable extends RuntimeException {
        private final EntraException cause;

        Unredirectable(EntraException cause) {
            super(cause.description());
            this.cause = cause;
        }

        EntraException entra() {
            return cause;
        }
    }
}
