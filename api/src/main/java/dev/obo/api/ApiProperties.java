package dev.obo.api;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Every setting of the API, bound from {@code obo.api.*}; {@code api-server.yml} maps the
 * seed's environment names ({@code CLIENT_ID}, {@code CLIENT_SECRET}, {@code AUTHORITY},
 * {@code ISSUER}, {@code SCOPE}, {@code AZURE_MANAGEMENT_SUBSCRIPTIONS_URI}, ...) onto them,
 * with defaults for the sandbox.
 *
 * @param clientId the API's application (client) id
 * @param clientSecret its client secret; blank when it authenticates with a certificate
 * @param certificate its certificate credential ({@code private_key_jwt}), instead of a secret
 * @param authority {@code https://login.microsoftonline.com/<tenant>} or the sandbox's equivalent
 * @param issuer the issuer inbound tokens must carry ({@code {tenantid}} stands for the token's {@code tid})
 * @param audiences accepted {@code aud} values; empty means the client id and {@code api://<client id>}
 * @param requiredScopes delegated scopes of which an inbound token must carry at least one in {@code scp}
 * @param clockSkew leeway for {@code exp}/{@code nbf}
 * @param verifiedTokenTtl how long a verified inbound token is remembered, so that its signature is not checked
 *        again on each use (never past its {@code exp}; its claims are checked on every use); 0 turns this off
 * @param jwksRefreshInterval how often the identity provider's signing keys are fetched again in the background
 * @param consentScope the scope the web app must ask consent for when the user has not consented
 * @param obo the On-Behalf-Of request and its cache
 * @param downstream the ARM call
 */
@ConfigurationProperties("obo.api")
@Validated
public record ApiProperties(@NotBlank String clientId, String clientSecret, @Valid Certificate certificate,
                            @NotNull URI authority, @NotBlank String issuer, List<String> audiences,
                            @NotEmpty List<String> requiredScopes, @NotNull Duration clockSkew, @NotNull Duration verifiedTokenTtl,
                            @NotNull Duration jwksRefreshInterval, String consentScope,
                            @NotNull @Valid Obo obo, @NotNull @Valid Downstream downstream) {

    public ApiProperties {
        audiences = audiences == null || audiences.isEmpty() ? List.of(clientId, "api://" + clientId) : List.copyOf(audiences);
        consentScope = consentScope == null || consentScope.isBlank() ? "api://" + clientId + "/.default" : consentScope;
        // A configured certificate wins over the (defaulted) secret: private_key_jwt, no secret sent.
        boolean hasCertificate = certificate != null && certificate.path() != null && !certificate.path().toString().isBlank();
        clientSecret = hasCertificate || clientSecret == null || clientSecret.isBlank() ? null : clientSecret;
        if (clientSecret == null && !hasCertificate) {
            throw new IllegalArgumentException("obo.api: set CLIENT_SECRET or CLIENT_CERTIFICATE_PATH, the API needs a credential for On-Behalf-Of");
        }
    }

    /** A PKCS#12 file with the API's certificate and private key. */
    public record Certificate(Path path, String password) {}

    /**
     * @param grant {@code on-behalf-of} (Entra's jwt-bearer grant) or {@code token-exchange} (RFC 8693)
     * @param scopes the downstream scopes
     * @param audience for token exchange: the {@code audience} parameter (other identity providers need it)
     * @param tokenUri the token endpoint; empty means from the issuer's discovery document ({@code ISSUER}/.well-known/openid-configuration)
     * @param timeout connect and read timeout of the token request
     * @param cache the OBO token cache
     */
    public record Obo(@NotBlank @Pattern(regexp = "on-behalf-of|token-exchange", message = "must be on-behalf-of or token-exchange") String grant, @NotEmpty List<String> scopes, String audience, URI tokenUri,
                      @NotNull Duration timeout, @NotNull @Valid Cache cache) {}

    /**
     * @param maximumSize most entries kept
     * @param expirySkew an entry dies this long before its token expires
     * @param refreshAhead within this long of its death, an entry is refreshed in the background on use
     */
    public record Cache(@Min(1) long maximumSize, @NotNull Duration expirySkew, @NotNull Duration refreshAhead) {}

    /**
     * @param subscriptionsUri ARM's {@code /subscriptions} URL, with {@code api-version}
     * @param connectTimeout TCP connect timeout
     * @param readTimeout read timeout of one call
     * @param maxAttempts attempts per call, for 429, 503 and connection errors
     * @param budget total time for a call and its retries, {@code Retry-After} waits included
     * @param maxPages most {@code nextLink} pages followed
     */
    public record Downstream(@NotNull URI subscriptionsUri, @NotNull Duration connectTimeout, @NotNull Duration readTimeout,
                             @Min(1) int maxAttempts, @NotNull Duration budget, @Min(1) int maxPages) {}
}
