package dev.obo.web.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

import dev.obo.web.WebProperties;

/**
 * The web app's policy: the home page, sign-in and error pages are open; everything else
 * needs a signed-in user. OpenID Connect sign-in at {@code /account/callback} (PKCE, state,
 * nonce); logout is a POST with CSRF at {@code /account/logout} that also ends the session
 * at the identity provider (RP-initiated logout). A content security policy without
 * {@code unsafe-inline}, no framing, a strict referrer policy.
 */
@Configuration(proxyBeanMethods = false)
class WebSecurityConfig {

    @Bean
    SecurityFilterChain web(HttpSecurity http, ClientRegistrationRepository registrations, WebProperties properties) throws Exception {
        OidcClientInitiatedLogoutSuccessHandler logout = new OidcClientInitiatedLogoutSuccessHandler(registrations);
        logout.setPostLogoutRedirectUri(properties.postLogoutRedirectUri());
        String identityProvider = properties.authority().getScheme() + "://" + properties.authority().getRawAuthority();
        http
            .authorizeHttpRequests(authorize -> authorize
                .requestMatchers("/", "/account/login", "/account/logout", "/account/signin-failed", "/css/**", "/favicon.svg",
                        "/error", "/actuator/health", "/actuator/health/**").permitAll()
                .anyRequest().authenticated())
            .oauth2Login(login -> login
                .tokenEndpoint(token -> token.accessTokenResponseClient(
                        new TokenEndpointClients(properties.identityProviderTimeout()).authorizationCode()))
                .loginPage("/account/login")
                .authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(
                        new ChallengeAuthorizationRequests(registrations, properties)))
                .redirectionEndpoint(endpoint -> endpoint.baseUri("/account/callback"))
                .successHandler(new LoginSuccessHandler())
                .failureHandler(new SimpleUrlAuthenticationFailureHandler("/account/signin-failed")))
            .logout(out -> out
                .logoutUrl("/account/logout")
                .logoutSuccessHandler(logout))
            .headers(headers -> headers
                .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; img-src 'self' data:; style-src 'self'; "
                        + "script-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self' "
                        + identityProvider))
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN)));
        return http.build();
    }
}
