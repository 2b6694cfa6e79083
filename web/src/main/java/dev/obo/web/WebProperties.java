package dev.obo.web;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Every setting of the web app, bound from {@code obo.web.*}; {@code web-server.yml} maps the
 * seed's environment names onto them ({@code CLIENT_ID}, {@code CLIENT_SECRET},
 * {@code AUTHORITY}, {@code REDIRECT_URI}, {@code POST_LOGOUT_REDIRECT_URI}, {@code SCOPE},
 * {@code API_SCOPE}, the seed's {@code FLASK_BACKEND_URL} or {@code API_URL}), with sandbox defaults.
 *
 * @param clientId the web app's application (client) id
 * @param clientSecret its client secret
 * @param authority {@code https://login.microsoftonline.com/<tenant>} or the sandbox's equivalent
 * @param redirectUri where the identity provider sends the code ({@code {baseUrl}} is this app's own URL)
 * @param postLogoutRedirectUri where the identity provider sends the user after sign-out
 * @param scopes the OpenID Connect scopes asked at sign-in
 * @param apiScope the API's delegated scope, asked at sign-in so the access token is for the API
 * @param subscriptionsUri the API's subscriptions endpoint: the seed's {@code FLASK_BACKEND_URL}
 *        ({@code http://localhost:5000/subscriptions}), else {@code API_URL} (the API's base URL) plus {@code /subscriptions}
 * @param apiTimeout connect and read timeout of a call to the API
 * @param refreshSkew an access token this close to expiry is refreshed before it is used
 * @param identityProviderTimeout connect and read timeout of a call to the identity provider's token endpoint
 * @param instanceName which instance served a page, in its footer ({@code INSTANCE_NAME}); blank: {@code <hostname>:<port>}
 * @param session how the sessions are sealed when they are kept in Redis
 */
@ConfigurationProperties("obo.web")
@Validated
public record WebProperties(@NotBlank String clientId, @NotBlank String clientSecret, @NotNull URI authority,
                            @NotBlank String redirectUri, @NotBlank String postLogoutRedirectUri, @NotEmpty List<String> scopes,
                            @NotBlank String apiScope, @NotNull URI subscriptionsUri, @NotNull Duration apiTimeout,
                            @NotNull Duration refreshSkew, @NotNull Duration identityProviderTimeout, String instanceName,
                            @Valid @NotNull Session session) {

    private static final Pattern TRAILING_SLASHES = Pattern.compile("/+$");

    /** The API's {@code .default} scope: what a user consents to, with the API's own downstream permissions. */
    public String apiDefaultScope() {
        int slash = apiScope.lastIndexOf('/');
        return (slash > 0 ? apiScope.substring(0, slash) : apiScope) + "/.default";
    }

    /** The API's profile endpoint, {@code /me}, beside its subscriptions endpoint. */
    public URI meUri() {
        return subscriptionsUri.resolve("me");
    }

    public String authorityBase() {
        return TRAILING_SLASHES.matcher(authority.toString()).replaceAll("");
    }

    /**
     * The keys of the sessions kept in Redis (with {@code REDIS_URL}; unused in memory), each the
     * base64 of 32 random bytes ({@code openssl rand -base64 32}).
     *
     * @param encryptionKey seals every session value written ({@code SESSION_ENCRYPTION_KEY}); required with Redis
     * @param previousEncryptionKey also opens values sealed under it ({@code SESSION_PREVIOUS_ENCRYPTION_KEY}),
     *        for a rotation: set it to the old key for a session timeout after the new one is in place
     */
    public record Session(String encryptionKey, String previousEncryptionKey) {

        /** What {@code toString} shows of the keys: nothing. */
        @Override
        public String toString() {
            return "Session[keys not shown]";
        }
    }
}
