package dev.obo.sandbox.identity.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.JWTAuthentication;

import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

import dev.obo.sandbox.identity.IdentityProperties;
import dev.obo.sandbox.identity.TenantUrls;
import dev.obo.sandbox.identity.error.EntraError;
import dev.obo.sandbox.identity.error.EntraException;
import dev.obo.sandbox.identity.federation.FederatedAssertions;
import dev.obo.sandbox.tenant.AppCertificates;
import dev.obo.sandbox.tenant.Directory;
import dev.obo.sandbox.tenant.SandboxSeed.App;

/**
 * Authenticates the client of a token request: {@code client_secret_basic} (RFC 6749
 * 2.3.1), {@code client_secret_post}, or {@code private_key_jwt} (RFC 7523 section 3, with
 * a certificate registered on the app, as Entra's certificate credentials, or a token of another
 * issuer that matches one of the app's federated identity credentials, see {@link FederatedAssertions}).
 * Public clients send only {@code client_id} and must send no credential. Each client it lets in
 * goes into {@link ClientAuthentications}.
 */
@Component
class ClientAuthenticator {

    private final Directory directory;
    private final TenantUrls urls;
    private final Clock clock;
    private final IdentityProperties properties;
    private final FederatedAssertions federated;
    private final ClientAuthentications seen;
    private final Map<String, List<RSAKey>> certificateKeys = new ConcurrentHashMap<>();
    private final Map<String, Instant> usedAssertionIds = new ConcurrentHashMap<>();

    ClientAuthenticator(Directory directory, TenantUrls urls, Clock clock, IdentityProperties properties,
                        FederatedAssertions federated, ClientAuthentications seen) {
        this.federated = federated;
        this.seen = seen;
        this.directory = directory;
        this.urls = urls;
        this.clock = clock;
        this.properties = properties;
    }

    AuthenticatedClient authenticate(TokenRequest request) {
        AuthenticatedClient client = authenticateClient(request);
        seen.record(client, request.optional("client_assertion").orElse(null));
        return client;
    }

    private AuthenticatedClient authenticateClient(TokenRequest request) {
        Optional<String[]> basic = basic(request.authorizationHeader());
        Optional<String> postedSecret = request.optional("client_secret");
        Optional<String> assertionType = request.optional("client_assertion_type");
        int methods = (basic.isPresent() ? 1 : 0) + (postedSecret.isPresent() ? 1 : 0) + (assertionType.isPresent() ? 1 : 0);
        if (methods > 1) {
            throw new EntraException(EntraError.MALFORMED_REQUEST, "The client used more than one authentication method.");
        }
        Optional<String> clientIdParam = request.optional("client_id");
        String clientId = basic.map(b -> b[0]).or(() -> clientIdParam).or(() -> assertionSubject(request))
                .orElseThrow(() -> new EntraException(EntraError.MISSING_PARAMETER, "client_id"));
        if (basic.isPresent() && clientIdParam.isPresent() && !clientIdParam.get().equals(clientId)) {
            throw new EntraException(EntraError.MALFORMED_REQUEST, "client_id does not match the client of the Authorization header.");
        }
        App app = directory.app(clientId).orElseThrow(
                () -> new EntraException(EntraError.UNKNOWN_CLIENT, clientId, directory.tenant().id()));
        if (app.publicClient()) {
            if (methods > 0) {
                throw new EntraException(EntraError.PUBLIC_CLIENT_WITH_CREDENTIAL);
            }
            return new AuthenticatedClient(app, AuthenticatedClient.NONE);
        }
        if (basic.isPresent()) {
            return secret(app, basic.get()[1], ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
        }
        if (postedSecret.isPresent()) {
            return secret(app, postedSecret.get(), ClientAuthenticationMethod.CLIENT_SECRET_POST);
        }
        if (assertionType.isPresent()) {
            if (!JWTAuthentication.CLIENT_ASSERTION_TYPE.equals(assertionType.get())) {
                throw new EntraException(EntraError.MALFORMED_REQUEST, "client_assertion_type must be " + JWTAuthentication.CLIENT_ASSERTION_TYPE + ".");
            }
            return assertion(app, request.required("client_assertion"));
        }
        throw new EntraException(EntraError.MISSING_CLIENT_CREDENTIAL);
    }

    // RFC 7523 section 3: with a client assertion, client_id is optional; the assertion's sub names the client.
    private static Optional<String> assertionSubject(TokenRequest request) {
        return request.optional("client_assertion").flatMap(assertion -> {
            try {
                return Optional.ofNullable(SignedJWT.parse(assertion).getJWTClaimsSet().getSubject());
            } catch (ParseException | RuntimeException e) {
                return Optional.empty();
            }
        });
    }

    private AuthenticatedClient secret(App app, String presented, ClientAuthenticationMethod method) {
        byte[] given = presented.getBytes(StandardCharsets.UTF_8);
        boolean matches = app.secrets().stream()
                .anyMatch(s -> MessageDigest.isEqual(s.getBytes(StandardCharsets.UTF_8), given));
        if (!matches) {
            throw new EntraException(EntraError.INVALID_CLIENT_SECRET, app.clientId());
        }
        return new AuthenticatedClient(app, method.getValue());
    }

    private AuthenticatedClient assertion(App app, String clientAssertion) {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(clientAssertion);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException | RuntimeException e) {
            throw new EntraException(EntraError.INVALID_JWT, "The client assertion is not a well-formed signed JWT.");
        }
        // A certificate's assertion names the app as its issuer; any other issuer's token is a federated one.
        if (claims.getIssuer() != null && !app.clientId().equals(claims.getIssuer())) {
            federated.verify(app, jwt);
            return new AuthenticatedClient(app, AuthenticatedClient.FEDERATED);
        }
        JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
        if (!JWSAlgorithm.RS256.equals(alg) && !JWSAlgorithm.PS256.equals(alg)) {
            throw assertionError("The client assertion must be signed with RS256 or PS256, not " + alg + ".");
        }
        List<RSAKey> registered = certificateKeys.computeIfAbsent(app.clientId(), id -> AppCertificates.keysOf(app));
        if (registered.isEmpty()) {
            throw assertionError("No certificate is registered on application '" + app.clientId() + "'.");
        }
        if (registered.stream().noneMatch(key -> verifies(jwt, key))) {
            throw assertionError("The signature does not verify with any certificate registered on application '" + app.clientId() + "'.");
        }
        checkClaims(app, claims);
        return new AuthenticatedClient(app, ClientAuthenticationMethod.PRIVATE_KEY_JWT.getValue());
    }

    private void checkClaims(App app, JWTClaimsSet claims) {
        if (!app.clientId().equals(claims.getIssuer()) || !app.clientId().equals(claims.getSubject())) {
            throw assertionError("The client assertion's iss and sub must both be the client id.");
        }
        List<String> audiences = claims.getAudience();
        boolean audienceOk = audiences.stream().anyMatch(a -> a.equals(urls.tokenEndpoint()) || a.equals(urls.issuer())
                || a.equals(urls.tokenEndpoint().replace(directory.tenant().id(), String.valueOf(directory.tenant().domain()))));
        if (!audienceOk) {
            throw assertionError("The client assertion's audience must be the token endpoint " + urls.tokenEndpoint() + ".");
        }
        Instant now = clock.instant();
        if (claims.getExpirationTime() == null || now.isAfter(claims.getExpirationTime().toInstant().plus(properties.clockSkew()))) {
            throw assertionError("The client assertion has expired or has no exp.");
        }
        String jti = claims.getJWTID();
        if (jti != null) {
            usedAssertionIds.values().removeIf(until -> until.isBefore(now));
            if (usedAssertionIds.putIfAbsent(app.clientId() + "|" + jti, claims.getExpirationTime().toInstant()) != null) {
                throw assertionError("The client assertion (jti) was already used.");
            }
        }
    }

    private static boolean verifies(SignedJWT jwt, RSAKey key) {
        try {
            return jwt.verify(new RSASSAVerifier(key));
        } catch (JOSEException e) {
            return false;
        }
    }

    private static Optional<String[]> basic(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("no colon");
            }
            return Optional.of(new String[] {
                    UriUtils.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                    UriUtils.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)});
        } catch (IllegalArgumentException e) {
            throw new EntraException(EntraError.MALFORMED_REQUEST, "The Authorization header is not valid HTTP Basic authentication.");
        }
    }

    private static EntraException assertionError(String reason) {
        return new EntraException(EntraError.INVALID_CLIENT_ASSERTION, reason);
    }
}
