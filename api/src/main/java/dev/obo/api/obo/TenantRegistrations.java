package dev.obo.api.obo;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

import dev.obo.api.ApiProperties;

/**
 * The downstream client registration, one per user tenant: registration id
 * {@code obo:<tid>}. On-Behalf-Of goes to the user's own tenant (Microsoft: never to
 * {@code /common} or {@code /organizations}), so a multi-tenant authority's tenant segment
 * is replaced by the token's {@code tid}.
 */
final class TenantRegistrations implements ClientRegistrationRepository {

    static final String PREFIX = "obo:";
    private static final java.util.Set<String> MULTI_TENANT = java.util.Set.of("common", "organizations", "consumers");

    private final ApiProperties properties;
    private final Supplier<URI> discoveredTokenUri;
    private final Map<String, ClientRegistration> byTenant = new ConcurrentHashMap<>();

    TenantRegistrations(ApiProperties properties, Supplier<URI> discoveredTokenUri) {
        this.properties = properties;
        this.discoveredTokenUri = discoveredTokenUri;
    }

    @Override
    public ClientRegistration findByRegistrationId(String registrationId) {
        if (!registrationId.startsWith(PREFIX)) {
            return null;
        }
        String tid = registrationId.substring(PREFIX.length());
        return byTenant.computeIfAbsent(tid, this::registration);
    }

    private ClientRegistration registration(String tid) {
        ApiProperties.Obo obo = properties.obo();
        boolean exchange = "token-exchange".equals(obo.grant());
        return ClientRegistration.withRegistrationId(PREFIX + tid)
                .clientId(properties.clientId())
                .clientSecret(properties.clientSecret())
                .clientAuthenticationMethod(properties.clientSecret() != null
                        ? ClientAuthenticationMethod.CLIENT_SECRET_POST : ClientAuthenticationMethod.PRIVATE_KEY_JWT)
                .authorizationGrantType(exchange ? AuthorizationGrantType.TOKEN_EXCHANGE : AuthorizationGrantType.JWT_BEARER)
                .scope(obo.scopes())
                .tokenUri(tokenUri(tid).toString())
                .build();
    }

    private URI tokenUri(String tid) {
        URI base = properties.obo().tokenUri() != null && !properties.obo().tokenUri().toString().isBlank()
                ? properties.obo().tokenUri() : discoveredTokenUri.get();
        String path = base.getPath();
        for (String segment : MULTI_TENANT) {
            path = path.replace("/" + segment + "/", "/" + tid + "/");
        }
        return base.resolve(path);
    }
}
