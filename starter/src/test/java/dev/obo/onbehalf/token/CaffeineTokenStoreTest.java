package dev.obo.onbehalf.token;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.OAuth2AccessToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The entries kept in memory hold their token's text and times, and one shared set of scopes for every token with the same scopes. */
class CaffeineTokenStoreTest {

    private static final Instant NOW = Instant.parse("2026-12-02T01:00:00Z");
    private final CaffeineTokenStore store = new CaffeineTokenStore(100, Clock.fixed(NOW, ZoneOffset.UTC), new SimpleMeterRegistry());

    private CachedToken kept(String key, String value, Set<String> scopes) {
        store.put(key, "assertion-of-" + key, new CachedToken(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, value, NOW,
                NOW.plusSeconds(3600), scopes), NOW.plusSeconds(3480), null, null));
        return store.get(key, "assertion-of-" + key);
    }

    @Test
    void entriesWhenTheirTokensHaveEqualScopesThenShareOneSet() {
        CachedToken alice = kept("alice", "alice-token", new LinkedHashSet<>(List.of("User.Read", "profile", "openid")));
        CachedToken bob = kept("bob", "bob-token", new LinkedHashSet<>(List.of("openid", "User.Read", "profile")));

        assertThat(bob.token().getScopes()).isSameAs(alice.token().getScopes())
                .containsExactlyInAnyOrder("User.Read", "profile", "openid");
        assertThat(alice.token().getTokenValue()).isEqualTo("alice-token");
        assertThat(bob.token().getTokenValue()).isEqualTo("bob-token");
        assertThat(bob.token().getIssuedAt()).isEqualTo(NOW);
        assertThat(bob.token().getExpiresAt()).isEqualTo(NOW.plusSeconds(3600));
        assertThat(bob.diesAt()).isEqualTo(NOW.plusSeconds(3480));
    }

    @Test
    void entriesWhenTheirTokensHaveOtherScopesThenKeepThemApart() {
        CachedToken arm = kept("arm", "arm-token", Set.of("https://management.azure.com/user_impersonation"));
        CachedToken graph = kept("graph", "graph-token", Set.of("https://graph.microsoft.com/User.Read"));

        assertThat(arm.token().getScopes()).containsExactly("https://management.azure.com/user_impersonation");
        assertThat(graph.token().getScopes()).containsExactly("https://graph.microsoft.com/User.Read");
    }

    @Test
    void sharedScopesWhenChangedThenRefused() {
        Set<String> scopes = kept("carol", "carol-token", Set.of("User.Read")).token().getScopes();

        assertThatThrownBy(() -> scopes.add("Mail.Read")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(kept("dave", "dave-token", Set.of("User.Read")).token().getScopes()).containsExactly("User.Read");
    }

    @Test
    void removeWhenTheEntryPutThenRemovedThoughKeptWithSharedScopes() {
        CachedToken put = new CachedToken(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "erin-token", NOW, NOW.plusSeconds(3600),
                new LinkedHashSet<>(List.of("User.Read"))), NOW.plusSeconds(3480), null, null);
        store.put("erin", "assertion-of-erin", put);

        assertThat(store.remove("erin", "assertion-of-erin", put)).isTrue();
        assertThat(store.get("erin", "assertion-of-erin")).isNull();
    }

    @Test
    void refusalWhenKeptThenKeptAsItIs() {
        CachedToken refused = new CachedToken(null, NOW.plusSeconds(60), null, new CachedToken.Refusal("expired", null, null));
        store.put("frank", "assertion-of-frank", refused);

        assertThat(store.get("frank", "assertion-of-frank")).isSameAs(refused);
    }
}
