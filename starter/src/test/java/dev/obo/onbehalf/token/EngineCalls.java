package dev.obo.onbehalf.token;

import java.text.ParseException;
import java.time.Instant;
import java.util.Map;

import com.nimbusds.jwt.SignedJWT;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import dev.obo.sandbox.junit.Sandbox;

/** What the engine's tests hand it and wait for: a caller with a real sandbox token, and a background refresh's new token. */
public final class EngineCalls {

    private EngineCalls() {
    }

    /** A user's token for the API, as the resource server would hand it over. */
    public static JwtAuthenticationToken caller(Sandbox sandbox, String username) throws ParseException {
        String token = sandbox.userToken(username);
        Map<String, Object> claims = SignedJWT.parse(token).getJWTClaimsSet().toJSONObject();
        Jwt jwt = Jwt.withTokenValue(token).header("alg", "RS256").claims(c -> c.putAll(claims))
                .issuedAt(Instant.ofEpochSecond(((Number) claims.get("iat")).longValue()))
                .expiresAt(Instant.ofEpochSecond(((Number) claims.get("exp")).longValue()))
                .build();
        return new JwtAuthenticationToken(jwt);
    }

    /** The ARM token {@code tokens} serves {@code caller} once it is no longer {@code old}'s (a background refresh put it), or after 10 s the old one. */
    public static OnBehalfOfTokens.Acquired awaitNewToken(OnBehalfOfTokens tokens, JwtAuthenticationToken caller,
                                                          OnBehalfOfTokens.Acquired old) throws InterruptedException {
        Instant until = Instant.now().plusSeconds(10);
        OnBehalfOfTokens.Acquired now = tokens.acquire("arm", caller);
        while (now.token().getTokenValue().equals(old.token().getTokenValue()) && Instant.now().isBefore(until)) {
            Thread.sleep(20);
            now = tokens.acquire("arm", caller);
        }
        return now;
    }
}
