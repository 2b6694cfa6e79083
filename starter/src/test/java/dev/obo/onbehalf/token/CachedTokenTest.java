package dev.obo.onbehalf.token;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.OAuth2AccessToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An entry holds its token's text and times, and one shared set of scopes for every token with the same scopes. */
class CachedTokenTest {

    private static final Instant NOW = Instant.parse("2026-12-02T01:00:00Z");

    private static CachedToken entry(String value, Set<String> scopes) {
        return new CachedToken(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, value, NOW, NOW.plusSeconds(3600), scopes),
                NOW.plusSeconds(3480), null, null);
    }

    @Test
    void entriesWhenTheirTokensHaveEqualScopesThenShareOneSet() {
        CachedToken alice = entry("alice-token", new LinkedHashSet<>(List.of("User.Read", "profile", "openid")));
        CachedToken bob = entry("bob-token", new LinkedHashSet<>(List.of("openid", "User.Read", "profile")));

        assertThat(bob.token().getScopes()).isSameAs(alice.token().getScopes())
                .containsExactlyInAnyOrder("User.Read", "profile", "openid");
        assertThat(alice.token().getTokenValue()).isEqualTo("alice-token");
        assertThat(bob.token().getTokenValue()).isEqualTo("bob-token");
        assertThat(bob.token().getIssuedAt()).isEqualTo(NOW);
        assertThat(bob.token().getExpiresAt()).isEqualTo(NOW.plusSeconds(3600));
    }

    @Test
    void entriesWhenTheirTokensHaveOtherScopesThenKeepThemApart() {
        CachedToken arm = entry("arm-token", Set.of("https://management.azure.com/user_impersonation"));
        CachedToken graph = entry("graph-token", Set.of("https://graph.microsoft.com/User.Read"));

        assertThat(arm.token().getScopes()).containsExactly("https://management.azure.com/user_impersonation");
        assertThat(graph.token().getScopes()).containsExactly("https://graph.microsoft.com/User.Read");
    }

    @Test
    void sharedScopesWhenChangedThenRefused() {
        Set<String> scopes = entry("carol-token", Set.of("User.Read")).token().getScopes();

        assertThatThrownBy(() -> scopes.add("Mail.Read")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(entry("dave-token", Set.of("User.Read")).token().getScopes()).containsExactly("User.Read");
    }

    @Test
    void refusalWhenNoTokenThenNoneMade() {
        CachedToken refused = new CachedToken(null, NOW.plusSeconds(60), null, new CachedToken.Refusal("expired", null, null));

        assertThat(refused.token()).isNull();
        assertThat(refused.refusal().description()).isEqualTo("expired");
    }
}
