package dev.obo.onbehalf;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Everything the starter needs, bound from {@code onbehalf.*}: who this API is, how it proves
 * it, whose tokens it accepts, and the downstream APIs it calls on behalf of its callers.
 *
 * @param clientId this API's application (client) id
 * @param credential how this API authenticates to the identity provider for On-Behalf-Of
 * @param issuer the issuer inbound tokens must carry; {@code {tenantid}} stands for the token's
 *        {@code tid} (a multi-tenant API: {@code https://login.microsoftonline.com/{tenantid}/v2.0})
 * @param authority the identity provider's authority, for the {@code authorization_uri} of
 *        challenges; empty means the issuer without its {@code /v2.0}
 * @param audiences accepted {@code aud} values; empty means the client id and {@code api://<client id>}
 * @param requiredScopes delegated scopes of which an inbound token must carry at least one in {@code scp}
 * @param grant {@code jwt-bearer} (Entra's On-Behalf-Of; {@code on-behalf-of} is the same) or
 *        {@code token-exchange} (RFC 8693)
 * @param clientCapabilities the client capabilities declared on every On-Behalf-Of request, as the
 *        {@code xms_cc} claims request ({@code cp1}: this API handles claims challenges, so Entra may
 *        give it continuous-access-evaluation tokens); unset or empty means {@code cp1} for
 *        {@code jwt-bearer} (Entra and the sandbox) and none for {@code token-exchange}; {@code none}
 *        declares none
 * @param tokenUri the token endpoint; empty means from the issuer's discovery document
 * @param timeout connect and read timeout of calls to the identity provider
 * @param clockSkew leeway for {@code exp}, {@code nbf} and {@code iat}
 * @param verifiedTokenTtl how long a verified inbound token is remembered (its claims are checked
 *        on every use; never past its {@code exp} or the withdrawal of its key); 0 turns this off
 * @param jwksRefreshInterval how often the identity provider's signing keys are fetched again in the background
 * @param consentScope the scope a client must ask consent for; empty means {@code api://<client id>/.default}
 * @param publicPaths request paths open without a token, besides health, info and {@code /error}
 * @param downstream the downstream APIs, by name
 * @param cache the cache of downstream tokens
 */
@ConfigurationProperties("onbehalf")
@Validated
public record OnBehalfOfProperties(
        @NotBlank String clientId,
        @NotNull @Valid @DefaultValue Credential credential,
        @NotBlank String issuer,
        URI authority,
        List<String> audiences,
        @NotEmpty @DefaultValue("access_as_user") List<String> requiredScopes,
        @NotBlank @Pattern(regexp = "jwt-bearer|on-behalf-of|token-exchange", message = "must be jwt-bearer or token-exchange")
        @DefaultValue("jwt-bearer") String grant,
        List<String> clientCapabilities,
        URI tokenUri,
        @NotNull @DefaultValue("5s") Duration timeout,
        @NotNull @DefaultValue("60s") Duration clockSkew,
        @NotNull @DefaultValue("5m") Duration verifiedTokenTtl,
        @NotNull @DefaultValue("5m") Duration jwksRefreshInterval,
        String consentScope,
        List<String> publicPaths,
        Map<String, @Valid Downstream> downstream,
        @NotNull @Valid @DefaultValue Cache cache) {

    public OnBehalfOfProperties {
        audiences = audiences == null || audiences.isEmpty() ? List.of(clientId, "api://" + clientId) : List.copyOf(audiences);
        consentScope = consentScope == null || consentScope.isBlank() ? "api://" + clientId + "/.default" : consentScope;
        publicPaths = publicPaths == null ? List.of() : List.copyOf(publicPaths);
        clientCapabilities = clientCapabilities == null ? List.of() : clientCapabilities.stream().filter(c -> !c.isBlank()).toList();
        if (clientCapabilities.isEmpty()) {
            clientCapabilities = "token-exchange".equals(grant) ? List.of() : List.of("cp1");
        } else if (clientCapabilities.equals(List.of("none"))) {
            clientCapabilities = List.of();
        }
        downstream = downstream == null ? Map.of() : Map.copyOf(downstream);
        if (authority == null || authority.toString().isBlank()) {
            authority = issuer == null ? null
                    : URI.create(issuer.replace("{tenantid}", "organizations").replaceAll("/+$", "").replaceAll("/v2\\.0$", ""));
        }
    }

    /** Entra's {@code jwt-bearer} On-Behalf-Of grant, or RFC 8693 token exchange. */
    public boolean tokenExchange() {
        return "token-exchange".equals(grant);
    }

    /** The authority without a trailing slash. */
    public String authorityBase() {
        return authority.toString().replaceAll("/+$", "");
    }

    /** The downstream API named {@code name}, or an error naming the ones there are. */
    public Downstream downstream(String name) {
        Downstream api = downstream.get(name);
        if (api == null) {
            throw new IllegalArgumentException("onbehalf.downstream." + name + " is not configured; configured: " + downstream.keySet());
        }
        return api;
    }

    /**
     * How this API proves itself at the token endpoint (Microsoft identity platform: "certificate
     * credentials" and "workload identity federation"; RFC 7523 section 2.2 for the assertions).
     *
     * @param type {@code secret}, {@code certificate}, {@code federated} or {@code managed-identity}; empty means
     *        {@code certificate} when a certificate path is set, {@code federated} when a token file is set
     *        (also from {@code AZURE_FEDERATED_TOKEN_FILE}), else {@code secret}
     * @param secret the client secret ({@code client_secret_post}); used only by the type {@code secret}
     * @param certificatePath a PKCS#12 file ({@code .p12}, {@code .pfx}) with the certificate and its private key, or a
     *        PEM file with {@code CERTIFICATE} blocks and, unless {@code private-key-path} is set, a {@code PRIVATE KEY}
     *        block ({@code private_key_jwt}); read again when it changes
     * @param certificatePassword the PKCS#12 file's password, or the password of an encrypted PEM key
     * @param privateKeyPath a PEM file with the certificate's private key, when it is not in the certificate's file
     * @param sendX5c send the certificate chain in the {@code x5c} header, for subject name and issuer authentication
     * @param tokenFile a file whose content is the {@code client_assertion} (a federated token, such as a Kubernetes
     *        service account token); read again when it changes and when the one it held has expired
     * @param managedIdentity the managed identity whose token is the {@code client_assertion}, for the type
     *        {@code managed-identity}
     */
    public record Credential(String type, String secret, Path certificatePath, String certificatePassword, Path privateKeyPath,
                             @DefaultValue("false") boolean sendX5c, Path tokenFile,
                             @NotNull @Valid @DefaultValue ManagedIdentity managedIdentity) {

        static final List<String> TYPES = List.of("secret", "certificate", "federated", "managed-identity");

        public Credential {
            certificatePath = blankToNull(certificatePath);
            privateKeyPath = blankToNull(privateKeyPath);
            tokenFile = blankToNull(tokenFile);
            managedIdentity = managedIdentity == null ? new ManagedIdentity(null, null, null, null) : managedIdentity;
            type = type == null || type.isBlank()
                    ? (certificatePath != null ? "certificate" : tokenFile != null ? "federated" : "secret") : type.trim();
            if (!TYPES.contains(type)) {
                throw new IllegalArgumentException("onbehalf.credential.type must be one of " + TYPES + ", not '" + type + "'");
            }
            if ("certificate".equals(type) && certificatePath == null) {
                throw new IllegalArgumentException("onbehalf.credential.certificate-path: set it, the credential type is certificate");
            }
            if ("federated".equals(type) && tokenFile == null) {
                throw new IllegalArgumentException("onbehalf.credential.token-file: set it (or AZURE_FEDERATED_TOKEN_FILE), "
                        + "the credential type is federated");
            }
            if ("secret".equals(type) && (secret == null || secret.isBlank())) {
                throw new IllegalArgumentException("onbehalf.credential: set CLIENT_SECRET or CLIENT_CERTIFICATE_PATH "
                        + "(onbehalf.credential.secret or .certificate-path), or a federated token file or a managed identity "
                        + "(docs/credentials.md); the API needs a credential for On-Behalf-Of");
            }
            secret = "secret".equals(type) ? secret : null;
        }

        /** A client secret credential, as most tests and the sandbox's demo use. */
        public static Credential secret(String secret) {
            return new Credential(null, secret, null, null, null, false, null, null);
        }

        public boolean isSecret() {
            return "secret".equals(type);
        }

        private static Path blankToNull(Path path) {
            return path == null || path.toString().isBlank() ? null : path;
        }
    }

    /**
     * The managed identity of the host (Azure VM, App Service, Container Apps, Functions), whose token for
     * {@code audience} is this API's {@code client_assertion} (Microsoft: "configure an application to trust a
     * managed identity").
     *
     * @param endpoint the managed identity endpoint; empty means {@code IDENTITY_ENDPOINT} (App Service's shape) when set,
     *        else IMDS, {@code http://169.254.169.254/metadata/identity/oauth2/token}
     * @param identityHeader App Service's {@code X-IDENTITY-HEADER} value; empty means {@code IDENTITY_HEADER}. Set, the
     *        endpoint is asked in App Service's shape ({@code api-version=2019-08-01}); empty, in IMDS's
     *        ({@code api-version=2018-02-01}, {@code Metadata: true})
     * @param clientId the client id of a user-assigned managed identity; empty means the system-assigned one
     * @param audience the resource the token is asked for: {@code api://AzureADTokenExchange} in the public cloud
     *        ({@code api://AzureADTokenExchangeUSGov}, {@code api://AzureADTokenExchangeChina} in sovereign clouds)
     */
    public record ManagedIdentity(URI endpoint, String identityHeader, String clientId,
                                  @DefaultValue("api://AzureADTokenExchange") String audience) {

        /** Azure's Instance Metadata Service, the same link-local address on every VM. */
        public static final URI IMDS = URI.create("http://169.254.169.254/metadata/identity/oauth2/token");

        public ManagedIdentity {
            endpoint = endpoint == null || endpoint.toString().isBlank() ? IMDS : endpoint;
            if (!endpoint.isAbsolute() || endpoint.getHost() == null
                    || !("http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme()))) {
                throw new IllegalArgumentException("onbehalf.credential.managed-identity.endpoint must be an http(s) URL, not '"
                        + endpoint + "'");
            }
            identityHeader = identityHeader == null || identityHeader.isBlank() ? null : identityHeader;
            clientId = clientId == null || clientId.isBlank() ? null : clientId;
            audience = audience == null || audience.isBlank() ? "api://AzureADTokenExchange" : audience;
        }

        /** App Service's shape ({@code IDENTITY_ENDPOINT} with {@code X-IDENTITY-HEADER}), else IMDS's. */
        public boolean appService() {
            return identityHeader != null;
        }
    }

    /**
     * A downstream API called on behalf of the caller.
     *
     * @param scopes the scopes of the downstream token, for example {@code https://graph.microsoft.com/User.Read}
     * @param baseUri the downstream API's base URI: its tokens go to this origin only
     * @param audience for token exchange: the {@code audience} parameter, when the identity provider needs it
     */
    public record Downstream(@NotEmpty List<String> scopes, URI baseUri, String audience) {
    }

    /**
     * @param maximumSize most downstream tokens kept
     * @param expirySkew an entry dies this long before its token expires
     * @param refreshAhead within this long of its death, an entry is refreshed in the background on use
     */
    public record Cache(@Min(1) @DefaultValue("10000") long maximumSize, @NotNull @DefaultValue("2m") Duration expirySkew,
                        @NotNull @DefaultValue("5m") Duration refreshAhead) {
    }
}
