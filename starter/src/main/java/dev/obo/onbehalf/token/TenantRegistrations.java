package dev.obo.onbehalf.token;

import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

import dev.obo.onbehalf.OnBehalfOfProperties;

/**
 * The client registrations for On-Behalf-Of, one per downstream API and user tenant:
 * registration id {@code obo:<downstream>:<tid>}, with that downstream's scopes. On-Behalf-Of
 * goes to the user's own tenant (Microsoft: never to {@code /common} or {@code /organizations}),
 * so a multi-tenant authority's tenant segment is replaced by the token's {@code tid}.
 */
final class TenantRegistrations implements ClientRegistrationRepository {

    private static final String PREFIX = "obo:";
    private static final Set<String> MULTI_TENANT = Set.of("common", "organizations", "consumers");

    private final OnBehalfOfProperties properties;
    private final Supplier<URI> discoveredTokenUri;
    private final ClientAuthenticationMethod method;
    private final Map<String, ClientRegistration> registrations = new ConcurrentHashMap<>();

    TenantRegistrations(OnBehalfOfProperties properties, Supplier<URI> discoveredTokenUri) {
        this(properties, discoveredTokenUri, properties.credential().isSecret()
                ? ClientAuthenticationMethod.CLIENT_SECRET_POST : ClientAuthenticationMethod.PRIVATE_KEY_JWT);
    }

    TenantRegistrations(OnBehalfOfProperties properties, Supplier<URI> discoveredTokenUri, ClientAuthenticationMethod method) {
        this.properties = properties;
        this.discoveredTokenUri = discoveredTokenUri;
        this.method = method;
    }

    static String registrationId(String downstream, String tid) {
        return PREFIX + downstream + ":" + (tid == null ? "common" : tid);
    }

    @Override
    public ClientRegistration findByRegistrationId(String registrationId) {
        if (!registrationId.startsWith(PREFIX) || registrationId.indexOf(':', PREFIX.length()) < 0) {
            return null;
        }
        return registrations.computeIfAbsent(registrationId, this::registration);
    }

    private ClientRegistration registration(String registrationId) {
        int colon = registrationId.indexOf(':', PREFIX.length());
        String downstream = registrationId.substring(PREFIX.length(), colon);
        String tid = registrationId.substring(colon + 1);
        OnBehalfOfProperties.Downstream api = properties.downstream(downstream);
        return ClientRegistration.withRegistrationId(registrationId)
                .clientId(properties.clientId())
                .clientSecret(properties.credential().secret())
                .clientAuthenticationMethod(method)
                .authorizationGrantType(properties.tokenExchange() ? AuthorizationGrantType.TOKEN_EXCHANGE : AuthorizationGrantType.JWT_BEARER)
                .scope(api.scopes())
                .tokenUri(tokenUri(tid).toString())
                .build();
    }

    private URI tokenUri(String tid) {
        URI base = properties.tokenUri() != null && !properties.tokenUri().toString().isBlank()
                ? properties.tokenUri() : discoveredTokenUri.get();
        String path = base.getPath();
        for (String segment : MULTI_TENANT) {
            path = path.replace("/" + segment + "/", "/" + tid + "/");
        }
        return base.resolve(path);
    }
}
