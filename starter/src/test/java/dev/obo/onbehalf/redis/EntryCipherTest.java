package dev.obo.onbehalf.redis;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.OAuth2AccessToken;

import dev.obo.onbehalf.token.CachedToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What Redis holds of an entry: sealed under the caller's assertion, readable only with it, no token text in it. */
class EntryCipherTest {

    private static final String KEY = "9f2c".repeat(16);
    private static final String ASSERTION = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl";
    private static final String DOWNSTREAM_TOKEN = "eyJ0eXAiOiJKV1QifQ.eyJhdWQiOiJodHRwczovL21hbmFnZW1lbnQuYXp1cmUuY29tIn0.c2ln";
    private static final Instant NOW = Instant.parse("2026-12-02T01:00:00Z");

    private final EntryCipher cipher = new EntryCipher();
    private final EntryCodec codec = new EntryCodec();

    private final CachedToken entry = new CachedToken(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, DOWNSTREAM_TOKEN, NOW,
            NOW.plusSeconds(3600), Set.of("https://management.azure.com/user_impersonation")), NOW.plusSeconds(3480), NOW.plusSeconds(3180), null);

    @Test
    void openWhenSameKeyAndAssertionThenTheSameEntry() {
        byte[] sealed = cipher.seal(KEY, ASSERTION, codec.encode(entry));

        CachedToken opened = codec.decode(cipher.open(KEY, ASSERTION, sealed));

        assertThat(opened.token().getTokenValue()).isEqualTo(DOWNSTREAM_TOKEN);
        assertThat(opened.token().getExpiresAt()).isEqualTo(entry.token().getExpiresAt());
        assertThat(opened.token().getScopes()).isEqualTo(entry.token().getScopes());
        assertThat(opened.diesAt()).isEqualTo(entry.diesAt());
        assertThat(opened.refreshAt()).isEqualTo(entry.refreshAt());
        assertThat(opened.refusal()).isNull();
    }

    @Test
    void sealWhenEntryThenTheValueHoldsNoTokenTextAndNamesItsScheme() {
        byte[] sealed = cipher.seal(KEY, ASSERTION, codec.encode(entry));
        String asText = new String(sealed, StandardCharsets.ISO_8859_1);

        assertThat(asText).startsWith(EntryCipher.HEADER).doesNotContain("eyJ").doesNotContain(DOWNSTREAM_TOKEN.substring(40, 60))
                .doesNotContain("management.azure.com");
    }

    @Test
    void sealWhenSameEntryTwiceThenTwoDifferentValues() {
        byte[] plaintext = codec.encode(entry);

        assertThat(cipher.seal(KEY, ASSERTION, plaintext)).isNotEqualTo(cipher.seal(KEY, ASSERTION, plaintext));
    }

    @Test
    void openWhenAnotherAssertionThenUnreadable() {
        byte[] sealed = cipher.seal(KEY, ASSERTION, codec.encode(entry));

        assertThatThrownBy(() -> cipher.open(KEY, ASSERTION + "x", sealed)).isInstanceOf(UnreadableEntryException.class);
    }

    @Test
    void openWhenMovedUnderAnotherKeyThenUnreadable() {
        byte[] sealed = cipher.seal(KEY, ASSERTION, codec.encode(entry));

        assertThatThrownBy(() -> cipher.open("0".repeat(64), ASSERTION, sealed)).isInstanceOf(UnreadableEntryException.class);
    }

    @Test
    void openWhenOneByteChangedThenUnreadable() {
        byte[] sealed = cipher.seal(KEY, ASSERTION, codec.encode(entry));
        sealed[sealed.length - 20] ^= 1;

        assertThatThrownBy(() -> cipher.open(KEY, ASSERTION, sealed)).isInstanceOf(UnreadableEntryException.class);
    }

    @Test
    void openWhenAnotherSchemeOrTooShortThenUnreadable() {
        byte[] sealed = cipher.seal(KEY, ASSERTION, codec.encode(entry));
        byte[] otherScheme = sealed.clone();
        otherScheme[3] = '2';

        assertThatThrownBy(() -> cipher.open(KEY, ASSERTION, otherScheme)).isInstanceOf(UnreadableEntryException.class);
        assertThatThrownBy(() -> cipher.open(KEY, ASSERTION, Arrays.copyOf(sealed, 40))).isInstanceOf(UnreadableEntryException.class);
        assertThatThrownBy(() -> cipher.open(KEY, ASSERTION, DOWNSTREAM_TOKEN.getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(UnreadableEntryException.class);
    }

    @Test
    void decodeWhenRefusalThenTheRefusalWithItsClaims() {
        CachedToken refused = new CachedToken(null, NOW.plusSeconds(600), null,
                new CachedToken.Refusal("the downstream API arm answered a claims challenge", "{\"access_token\":{\"nbf\":{\"essential\":true}}}", "arm"));

        CachedToken opened = codec.decode(cipher.open(KEY, ASSERTION, cipher.seal(KEY, ASSERTION, codec.encode(refused))));

        assertThat(opened.token()).isNull();
        assertThat(opened.refusal()).isEqualTo(refused.refusal());
        assertThat(opened.diesAt()).isEqualTo(refused.diesAt());
    }
}
