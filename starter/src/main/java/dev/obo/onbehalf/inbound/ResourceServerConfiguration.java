package dev.obo.onbehalf.inbound;

import java.util.regex.Pattern;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import tools.jackson.databind.json.JsonMapper;

import dev.obo.onbehalf.OnBehalfOfProperties;

/**
 * The resource server's policy, unless the application defines its own {@link SecurityFilterChain}:
 * health, info, {@code /error} and {@code onbehalf.public-paths} are open; every other request
 * needs a valid user token with one of {@code onbehalf.required-scopes}. Refusals are RFC 6750
 * challenges with RFC 9457 problem bodies. Stateless: no session, no CSRF (bearer tokens only).
 * Spring Security 7 also serves {@code /.well-known/oauth-protected-resource}, the RFC 9728
 * metadata its challenges point to.
 */
@Configuration(proxyBeanMethods = false)
public class ResourceServerConfiguration {

    /** {@link StrictHttpFirewall}'s default rule for header values. */
    private static final Pattern HEADER_VALUE = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    @Bean
    ProblemChallenges onBehalfOfProblemChallenges(ObjectProvider<JsonMapper> json, OnBehalfOfProperties properties) {
        return new ProblemChallenges(json.getIfAvailable(JsonMapper::new), properties.requiredScopes());
    }

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain onBehalfOfResourceServer(HttpSecurity http, OnBehalfOfProperties properties, ProblemChallenges challenges)
            throws Exception {
        String[] scopes = properties.requiredScopes().stream().map(s -> "SCOPE_" + s).toArray(String[]::new);
        String[] open = properties.publicPaths().toArray(String[]::new);
        http
            .authorizeHttpRequests(authorize -> authorize
                .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                // Spring Boot renders errors at /error; denying it would turn every error into a 401.
                .requestMatchers("/error").permitAll()
                .requestMatchers(open).permitAll()
                .anyRequest().hasAnyAuthority(scopes))
            .oauth2ResourceServer(resourceServer -> resourceServer
                .bearerTokenResolver(new BearerHeaderTokenResolver())
                .jwt(Customizer.withDefaults())
                .authenticationEntryPoint(challenges)
                .accessDeniedHandler(challenges)
                .withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
                    @Override
                    public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
                        // The identity provider's keys could not be had: say 503, not a bare 500.
                        filter.setAuthenticationFailureHandler(challenges);
                        return filter;
                    }
                }))
            .exceptionHandling(exceptions -> exceptions
                .authenticationEntryPoint(challenges)
                .accessDeniedHandler(challenges))
            .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            // Bearer tokens only: nothing to log out of, no saved request to return to, no CSRF.
            .logout(logout -> logout.disable())
            .requestCache(cache -> cache.disable())
            .csrf(csrf -> csrf.disable());
        return http.build();
    }

    /**
     * Spring Security's {@link StrictHttpFirewall} with its default rule for header values
     * (every code point assigned, none a control character but tab), checked without a
     * regular expression when the value is printable ASCII: the regular expression, run over
     * every header including the 1 KB bearer token, measured about 3% of the API's CPU per request.
     */
    @Bean
    @ConditionalOnMissingBean(name = "onBehalfOfFirewall")
    WebSecurityCustomizer onBehalfOfFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderValues(ResourceServerConfiguration::allowedHeaderValue);
        return web -> web.httpFirewall(firewall);
    }

    /** Printable ASCII and tab pass at once; any other value gets the firewall's regular expression. */
    static boolean allowedHeaderValue(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c >= 0x7f) {
                return HEADER_VALUE.matcher(value).matches();
            }
        }
        return true;
    }

    /**
     * No Spring Security observations (a timer and events around each of the chain's filters,
     * the authentication and the authorization): measured at about a tenth of the API's CPU per
     * request on the hot path (docs/benchmarks.md). Each request is still observed as a whole
     * ({@code http.server.requests}), and the refusals are logged and answered with their reason.
     */
    @Bean
    @ConditionalOnMissingBean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }
}
