package dev.obo.web.session;

import java.util.Base64;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.session.SessionRepository;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.test.web.servlet.MockMvc;

import dev.obo.devenv.SettingsFailureAnalyzer;
import dev.obo.web.WebApplication;
import dev.obo.web.WebSlice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Where the sessions are kept, decided by the settings: without a Redis named, in memory as
 * before (no Redis connection factory, no Spring Session, health UP); with one, start-up needs the
 * session encryption key and refuses without it, naming the setting.
 */
@WebSlice
class SessionStoreTest {

    @Autowired
    private ApplicationContext context;

    @Autowired
    private MockMvc mvc;

    @Test
    void startWhenNoRedisNamedThenSessionsInMemoryAndNoRedisAtAll() throws Exception {
        assertThat(context.getBeanNamesForType(RedisConnectionFactory.class)).isEmpty();
        assertThat(context.getBeanNamesForType(SessionRepository.class)).isEmpty();
        assertThat(context.getBeanNamesForType(SessionRepositoryFilter.class)).isEmpty();
        assertThat(context.getBeanNamesForType(RedisRefreshLease.class)).isEmpty();
        mvc.perform(get("/actuator/health")).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("UP"));
    }

    static Stream<Arguments> keysRefused() {
        return Stream.of(
                Arguments.of("no key", new String[0], "obo.web.session.encryption-key"),
                Arguments.of("a 16-byte key", new String[] {"--SESSION_ENCRYPTION_KEY=" + Base64.getEncoder().encodeToString(new byte[16])},
                        "obo.web.session.encryption-key"),
                Arguments.of("a previous key that is not base64", new String[] {"--SESSION_ENCRYPTION_KEY=" + Base64.getEncoder()
                        .encodeToString(new byte[32]), "--SESSION_PREVIOUS_ENCRYPTION_KEY=old!"}, "obo.web.session.previous-encryption-key"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keysRefused")
    void startWhenRedisNamedAndKeyMissingOrMalformedThenRefusedNamingTheSetting(String proves, String[] keys, String named) {
        String[] args = Stream.concat(Stream.of("--REDIS_URL=redis://127.0.0.1:1", "--spring.main.banner-mode=off"), Stream.of(keys))
                .toArray(String[]::new);
        assertThatThrownBy(() -> WebApplication.application().run(withoutServer(args)).close())
                .satisfies(e -> assertThat(SettingsFailureAnalyzer.describe(e)).as(proves).contains(named).doesNotContain("AAAAAAAA"));
    }

    @Test
    void authorizedClientsAttributeIsWhereSpringSecurityKeepsTheTokens() {
        MockHttpServletRequest request = new MockHttpServletRequest();
        ClientRegistration registration = ClientRegistration.withRegistrationId("entra").clientId("web")
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE).redirectUri("{baseUrl}/account/callback")
                .authorizationUri("http://localhost/authorize").tokenUri("http://localhost/token").build();
        OAuth2AccessToken token = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "token", null, null);
        new HttpSessionOAuth2AuthorizedClientRepository().saveAuthorizedClient(new OAuth2AuthorizedClient(registration, "bob", token),
                new TestingAuthenticationToken("bob", null), request, new MockHttpServletResponse());

        assertThat(request.getSession().getAttributeNames().asIterator()).toIterable().containsExactly(RedisRefreshLease.AUTHORIZED_CLIENTS);
    }

    private static String[] withoutServer(String[] args) {
        return Stream.concat(Stream.of(args), Stream.of("--spring.main.web-application-type=" + WebApplicationType.NONE.name().toLowerCase()))
                .toArray(String[]::new);
    }
}
