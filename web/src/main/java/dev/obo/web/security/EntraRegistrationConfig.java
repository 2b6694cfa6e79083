package dev.obo.web.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

import dev.obo.web.WebProperties;

/**
 * The web app's registration at Entra ID, at Entra's v2 endpoints under the authority
 * (no discovery call at start-up, so the app starts while the identity provider is down),
 * and the authorized-client manager that refreshes the API's access token with the
 * refresh token before it expires, once per session however many requests need it (on however
 * many instances, when the sessions are in Redis).
 */
@Configuration(proxyBeanMethods = false)
class EntraRegistrationConfig {

    @Bean
    ClientRegistrationRepository clientRegistrationRepository(WebProperties properties) {
        String authority = properties.authorityBase();
        List<String> scopes = new ArrayList<>(properties.scopes());
        scopes.add(properties.apiScope());
        return new InMemoryClientRegistrationRepository(ClientRegistration.withRegistrationId(EntraRegistration.ID)
                .clientName("Microsoft Entra ID")
                .clientId(properties.clientId())
                .clientSecret(properties.clientSecret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                // PKCE although the client is confidential (RFC 9700 section 2.1.1)
                .clientSettings(ClientRegistration.ClientSettings.builder().requireProofKey(true).build())
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri(properties.redirectUri())
                .scope(scopes)
                .authorizationUri(authority + "/oauth2/v2.0/authorize")
                .tokenUri(authority + "/oauth2/v2.0/token")
                .jwkSetUri(authority + "/discovery/v2.0/keys")
                .issuerUri(authority + "/v2.0")
                .userNameAttributeName("preferred_username")
                .providerConfigurationMetadata(Map.of("end_session_endpoint", authority + "/oauth2/v2.0/logout"))
                .build());
    }

    /**
     * The user's tokens live in their session: gone at logout or session expiry, never shared
     * between two browsers of one user (Spring Boot's default keeps them app-wide by user name).
     */
    @Bean
    OAuth2AuthorizedClientRepository authorizedClientRepository() {
        return new HttpSessionOAuth2AuthorizedClientRepository();
    }

    @Bean
    OAuth2AuthorizedClientManager authorizedClientManager(ClientRegistrationRepository registrations,
                                                          OAuth2AuthorizedClientRepository authorizedClients, WebProperties properties,
                                                          ObjectProvider<SessionRefreshLease> lease) {
        OAuth2AuthorizedClientProvider provider = OAuth2AuthorizedClientProviderBuilder.builder()
                .authorizationCode()
                .refreshToken(refresh -> refresh.clockSkew(properties.refreshSkew())
                        .accessTokenResponseClient(new TokenEndpointClients(properties.identityProviderTimeout()).refreshToken()))
                .build();
        DefaultOAuth2AuthorizedClientManager manager = new DefaultOAuth2AuthorizedClientManager(registrations, authorizedClients);
        manager.setAuthorizedClientProvider(provider);
        return new OneRefreshPerSession(manager, authorizedClients, lease.getIfAvailable(() -> SessionRefreshLease.THIS_INSTANCE),
                properties.refreshSkew());
    }

}
