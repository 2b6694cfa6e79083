package dev.obo.sandbox.identity.discovery;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.id.Identifier;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import dev.obo.sandbox.identity.TenantUrls;
import dev.obo.sandbox.identity.error.EntraEndpoint;
import dev.obo.sandbox.identity.error.EntraError;
import dev.obo.sandbox.identity.error.EntraException;
import dev.obo.sandbox.identity.jose.SigningKeys;
import dev.obo.sandbox.tenant.Directory;

/**
 * OpenID Connect discovery at Entra's v2 paths: {@code /{tenant}/v2.0/.well-known/openid-configuration}
 * (OpenID Connect Discovery 1.0 section 4) and the key set at {@code /{tenant}/discovery/v2.0/keys}.
 */
@RestController
@EntraEndpoint
class DiscoveryController {

    /** The sandbox's name for its cloud, where Entra says {@code microsoftonline.com}. */
    static final String CLOUD_INSTANCE_NAME = "onbehalf.sandbox";

    private final Directory directory;
    private final TenantUrls urls;
    private final SigningKeys keys;

    DiscoveryController(Directory directory, TenantUrls urls, SigningKeys keys) {
        this.directory = directory;
        this.urls = urls;
        this.keys = keys;
    }

    @GetMapping("/{tenant}/v2.0/.well-known/openid-configuration")
    Map<String, Object> configuration(@PathVariable String tenant) {
        requireTenant(tenant);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("token_endpoint", urls.tokenEndpoint());
        doc.put("token_endpoint_auth_methods_supported", names(ClientAuthenticationMethod.CLIENT_SECRET_POST,
                ClientAuthenticationMethod.PRIVATE_KEY_JWT, ClientAuthenticationMethod.CLIENT_SECRET_BASIC));
        doc.put("jwks_uri", urls.jwksUri());
        doc.put("response_modes_supported", List.of("query", "form_post"));
        doc.put("subject_types_supported", List.of("pairwise"));
        doc.put("id_token_signing_alg_values_supported", List.of("RS256"));
        doc.put("response_types_supported", List.of("code"));
        doc.put("scopes_supported", List.of("openid", "profile", "email", "offline_access"));
        doc.put("issuer", urls.issuer());
        doc.put("request_uri_parameter_supported", false);
        doc.put("authorization_endpoint", urls.authorizationEndpoint());
        doc.put("http_logout_supported", true);
        doc.put("frontchannel_logout_supported", false);
        doc.put("end_session_endpoint", urls.logoutEndpoint());
        doc.put("claims_parameter_supported", true);
        doc.put("code_challenge_methods_supported", names(CodeChallengeMethod.S256));
        doc.put("grant_types_supported", names(GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN, GrantType.CLIENT_CREDENTIALS,
                GrantType.PASSWORD, GrantType.JWT_BEARER, GrantType.TOKEN_EXCHANGE));
        doc.put("claims_supported", List.of("sub", "iss", "aud", "exp", "iat", "nbf", "auth_time", "nonce", "name",
                "preferred_username", "oid", "tid", "ver", "sid", "amr", "acrs"));
        doc.put("tenant_region_scope", "NA");
        doc.put("cloud_instance_name", CLOUD_INSTANCE_NAME);
        return doc;
    }

    @GetMapping("/{tenant}/discovery/v2.0/keys")
    ResponseEntity<Map<String, Object>> keys(@PathVariable String tenant) {
        requireTenant(tenant);
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(keys.published().toJSONObject(true));
    }

    private static List<String> names(Identifier... values) {
        return Stream.of(values).map(Identifier::getValue).toList();
    }

    private void requireTenant(String tenant) {
        if (!directory.isTenant(tenant)) {
            throw new EntraException(EntraError.UNKNOWN_TENANT, tenant);
        }
    }
}
