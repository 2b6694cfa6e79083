package dev.obo.onbehalf.redis;

import java.time.Instant;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.oauth2.core.OAuth2AccessToken;

import dev.obo.onbehalf.token.CachedToken;

/**
 * A {@link CachedToken} as the JSON that {@link EntryCipher} seals: the downstream token with its
 * type, times and scopes, when the entry dies and refreshes, or the refusal in its place.
 */
final class EntryCodec {

    private final JsonMapper json = JsonMapper.builder().build();

    byte[] encode(CachedToken entry) {
        OAuth2AccessToken token = entry.token();
        CachedToken.Refusal refusal = entry.refusal();
        return json.writeValueAsBytes(new Stored(
                token == null ? null : token.getTokenValue(), token == null ? null : token.getIssuedAt(),
                token == null ? null : token.getExpiresAt(), token == null ? null : token.getScopes(),
                entry.diesAt(), entry.refreshAt(),
                refusal == null ? null : refusal.description(), refusal == null ? null : refusal.claims(),
                refusal == null ? null : refusal.downstream()));
    }

    CachedToken decode(byte[] plaintext) {
        Stored stored;
        try {
            stored = json.readValue(plaintext, Stored.class);
        } catch (JacksonException e) {
            throw new UnreadableEntryException("the entry is not a cached token");
        }
        OAuth2AccessToken token = stored.token() == null ? null
                : new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, stored.token(), stored.issuedAt(), stored.expiresAt(),
                        stored.scopes() == null ? Set.of() : stored.scopes());
        CachedToken.Refusal refusal = token != null ? null
                : new CachedToken.Refusal(stored.refusedBecause(), stored.claims(), stored.downstream());
        return new CachedToken(token, stored.diesAt(), stored.refreshAt(), refusal);
    }

    private record Stored(String token, Instant issuedAt, Instant expiresAt, Set<String> scopes, Instant diesAt, Instant refreshAt,
                          String refusedBecause, String claims, String downstream) {
    }
}
