package dev.obo.api.security;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.obo.sandbox.junit.DemoTenant;
import dev.obo.api.RunningApi;
import dev.obo.sandbox.junit.Sandbox;
import dev.obo.sandbox.identity.jose.SigningKeys;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The refused-token matrix: each bad bearer token gets its 401 (or 403 for a missing
 * scope) with an RFC 6750 challenge and an RFC 9457 body, and the sandbox sees no
 * On-Behalf-Of request for it. Tokens are made by the sandbox, or re-signed with its real
 * key so that only the named defect is wrong.
 */
class InboundTokenIT extends RunningApi {

    static Stream<Arguments> refusedTokens() {
        return Stream.of(
                row("no Authorization header", s -> null, 401, "Bearer"),
                row("not a Bearer header", s -> "Basic " + Base64.getEncoder().encodeToString("a:b".getBytes(StandardCharsets.UTF_8)), 401, "Bearer"),
                row("garbage", s -> "Bearer not-a-token", 401, "invalid_token"),
                row("malformed: a space inside the token", s -> "Bearer " + s.userToken("alice@onbehalf.test").replaceFirst("\\.", " ."), 401, "invalid_token"),
                row("malformed: '=' inside the token", s -> "Bearer abc=def", 401, "invalid_token"),
                row("expired", s -> "Bearer " + resigned(s, c -> c.expirationTime(Date.from(Instant.now().minusSeconds(600)))), 401, "invalid_token"),
                row("not yet valid", s -> "Bearer " + resigned(s, c -> c.notBeforeTime(Date.from(Instant.now().plusSeconds(600)))), 401, "invalid_token"),
                row("wrong audience: an ARM token", s -> "Bearer " + armToken(s), 401, "invalid_token"),
                row("wrong audience: the web app's ID token", s -> "Bearer " + idToken(s), 401, "invalid_token"),
                row("wrong issuer", s -> "Bearer " + resigned(s, c -> c.issuer("https://login.example/" + DemoTenant.TENANT + "/v2.0")), 401, "invalid_token"),
                row("bad signature", s -> "Bearer " + tampered(s.userToken("alice@onbehalf.test")), 401, "invalid_token"),
                row("alg none", s -> "Bearer " + algNone(s), 401, "invalid_token"),
                row("HS256 signed with the public key", s -> "Bearer " + hs256WithPublicKey(s), 401, "invalid_token"),
                row("unknown kid", s -> "Bearer " + signedByStranger(s), 401, "invalid_token"),
                row("missing scope", s -> "Bearer " + resigned(s, c -> c.claim("scp", "something_else")), 403, "insufficient_scope"),
                row("app-only token", s -> "Bearer " + appOnlyToken(s), 401, "invalid_token"),
                row("no exp", s -> "Bearer " + resigned(s, c -> c.expirationTime(null)), 401, "invalid_token"),
                row("iat in the future beyond the skew", s -> "Bearer " + resigned(s, c -> c.issueTime(Date.from(Instant.now().plusSeconds(600)))), 401, "invalid_token"),
                row("tid not the tenant of iss", s -> "Bearer " + resigned(s, c -> c.claim("tid", OTHER_TENANT)), 401, "invalid_token"),
                row("no tid", s -> "Bearer " + resigned(s, c -> c.claim("tid", null)), 401, "invalid_token"),
                row("ver 1.0 from the v2.0 issuer", s -> "Bearer " + resigned(s, c -> c.claim("ver", "1.0")), 401, "invalid_token"),
                row("no ver", s -> "Bearer " + resigned(s, c -> c.claim("ver", null)), 401, "invalid_token"),
                rows("two Authorization headers, both valid", s -> List.of("Bearer " + s.userToken("alice@onbehalf.test"),
                        "Bearer " + s.userToken("bob@onbehalf.test")), 400, "invalid_request"),
                rows("two Authorization headers, a valid one first", s -> List.of("Bearer " + s.userToken("alice@onbehalf.test"),
                        "Bearer not-a-token"), 400, "invalid_request"));
    }

    static final String OTHER_TENANT = "0badc0de-0000-4000-8000-000000000099";

    private static Arguments row(String proves, Function<Sandbox, String> authorization, int status, String challenge) {
        return rows(proves, s -> {
            String header = authorization.apply(s);
            return header == null ? List.of() : List.of(header);
        }, status, challenge);
    }

    private static Arguments rows(String proves, Function<Sandbox, List<String>> authorization, int status, String challenge) {
        return Arguments.of(proves, authorization, status, challenge);
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("refusedTokens")
    void getSubscriptionsWhenTokenRefusedThenChallengeProblemAndNoOnBehalfOf(String proves, Function<Sandbox, List<String>> authorization,
                                                                            int status, String challenge) {
        List<String> headers = authorization.apply(sandbox());
        long oboBefore = sandbox().oboRequests();

        HttpResponse<String> response = getWithAuthorizations("/subscriptions", headers);

        assertThat(response.statusCode()).as(proves).isEqualTo(status);
        assertThat(response.headers().firstValue("WWW-Authenticate")).as(proves).hasValueSatisfying(h -> assertThat(h).contains(challenge));
        assertThat(response.headers().firstValue("Content-Type")).as(proves).contains("application/problem+json");
        assertThat(json(response)).as(proves).containsKeys("type", "title", "status", "detail").containsEntry("status", (long) status);
        assertThat(sandbox().oboRequests()).as(proves + ": no On-Behalf-Of request").isEqualTo(oboBefore);
    }

    @Test
    void getSubscriptionsWhenTokenIssuedLongAgoAndNotExpiredThen200() {
        Instant longAgo = Instant.now().minusSeconds(3000);
        String token = resigned(sandbox(), c -> c.issueTime(Date.from(longAgo)).notBeforeTime(Date.from(longAgo)));

        assertThat(get("/subscriptions", token).statusCode()).isEqualTo(200);
    }

    static String resigned(Sandbox sandbox, Function<JWTClaimsSet.Builder, JWTClaimsSet.Builder> change) {
        try {
            JWTClaimsSet claims = SignedJWT.parse(sandbox.userToken("alice@onbehalf.test")).getJWTClaimsSet();
            RSAKey key = sandbox.bean(SigningKeys.class).current();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    change.apply(new JWTClaimsSet.Builder(claims)).build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String armToken(Sandbox sandbox) {
        return sandbox.token(Map.of("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer", "requested_token_use", "on_behalf_of",
                "client_id", DemoTenant.API, "client_secret", "api-secret", "assertion", sandbox.userToken("alice@onbehalf.test"),
                "scope", DemoTenant.ARM_SCOPE)).get("access_token").toString();
    }

    private static String idToken(Sandbox sandbox) {
        return sandbox.token(Map.of("grant_type", "password", "client_id", DemoTenant.WEB, "client_secret", "web-secret",
                "username", "alice@onbehalf.test", "password", "sandbox", "scope", "openid " + DemoTenant.API_SCOPE))
                .get("id_token").toString();
    }

    private static String appOnlyToken(Sandbox sandbox) {
        return sandbox.token(Map.of("grant_type", "client_credentials", "client_id", DemoTenant.WEB, "client_secret", "web-secret",
                "scope", "api://" + DemoTenant.API + "/.default")).get("access_token").toString();
    }

    static String tampered(String token) {
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("Alice Adams", "Mallory");
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }

    private static String algNone(Sandbox sandbox) {
        String[] parts = sandbox.userToken("alice@onbehalf.test").split("\\.");
        String header = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        return header + "." + parts[1] + ".";
    }

    private static String hs256WithPublicKey(Sandbox sandbox) {
        try {
            RSAKey key = sandbox.bean(SigningKeys.class).current();
            JWTClaimsSet claims = SignedJWT.parse(sandbox.userToken("alice@onbehalf.test")).getJWTClaimsSet();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new MACSigner(key.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String signedByStranger(Sandbox sandbox) {
        try {
            RSAKey stranger = new RSAKeyGenerator(2048).keyID("stranger").generate();
            JWTClaimsSet claims = SignedJWT.parse(sandbox.userToken("alice@onbehalf.test")).getJWTClaimsSet();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("stranger").build(), claims);
            jwt.sign(new RSASSASigner(stranger));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

}
