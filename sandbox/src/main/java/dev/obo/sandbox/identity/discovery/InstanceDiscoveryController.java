package dev.obo.sandbox.identity.discovery;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.obo.sandbox.identity.IdentityProperties;
import dev.obo.sandbox.identity.TenantUrls;
import dev.obo.sandbox.identity.error.EntraEndpoint;
import dev.obo.sandbox.identity.error.EntraError;
import dev.obo.sandbox.identity.error.EntraException;
import dev.obo.sandbox.tenant.Directory;

/**
 * The discovery MSAL does before its first token request, in Entra's shapes: instance
 * discovery, {@code GET /common/discovery/instance?api-version=1.1&authorization_endpoint=...}
 * (the instance's tenant discovery endpoint and its host aliases, for MSAL's authority
 * validation and cache), and user realm discovery, {@code GET /common/userrealm/{user}?api-version=1.0}
 * (whether the user's domain is managed here, before MSAL's password grant). MSAL4J sends the
 * first to {@code login.microsoftonline.com} on the authority's port for any host it does not
 * know, with that host, without its port, in {@code authorization_endpoint}.
 */
@RestController
@EntraEndpoint
class InstanceDiscoveryController {

    private static final Set<String> SCHEMES = Set.of("https", "http");

    private final Directory directory;
    private final TenantUrls urls;
    private final IdentityProperties properties;

    InstanceDiscoveryController(Directory directory, TenantUrls urls, IdentityProperties properties) {
        this.directory = directory;
        this.urls = urls;
        this.properties = properties;
    }

    @GetMapping("/common/discovery/instance")
    Map<String, Object> instance(@RequestParam(name = "authorization_endpoint", required = false) String authorizationEndpoint) {
        AuthorizationEndpoint endpoint = AuthorizationEndpoint.parse(authorizationEndpoint);
        if (!isInstance(endpoint.host())) {
            throw new EntraException(EntraError.INVALID_INSTANCE);
        }
        if (!directory.isTenant(endpoint.tenant())) {
            throw new EntraException(EntraError.UNKNOWN_TENANT, endpoint.tenant());
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("tenant_discovery_endpoint", urls.base() + "/" + endpoint.tenant() + "/v2.0/.well-known/openid-configuration");
        doc.put("api-version", "1.1");
        // One cloud of one host: its tokens are not valid under any other name, so no aliases.
        doc.put("metadata", List.of(Map.of("preferred_network", endpoint.host(), "preferred_cache", endpoint.host(),
                "aliases", List.of(endpoint.host()))));
        return doc;
    }

    @GetMapping("/common/userrealm/{user}")
    Map<String, Object> userRealm(@PathVariable String user) {
        String domain = user.contains("@") ? user.substring(user.lastIndexOf('@') + 1) : "";
        boolean managed = domain.equalsIgnoreCase(directory.tenant().domain());
        Map<String, Object> realm = new LinkedHashMap<>();
        realm.put("ver", "1.0");
        realm.put("account_type", managed ? "Managed" : "Unknown");
        if (managed) {
            realm.put("domain_name", directory.tenant().domain());
            realm.put("cloud_audience_urn", "urn:federation:MicrosoftOnline");
        }
        realm.put("cloud_instance_name", DiscoveryController.CLOUD_INSTANCE_NAME);
        return realm;
    }

    // With base-url set, the sandbox is that one host; without it, any name it is reached by.
    private boolean isInstance(String host) {
        if (!StringUtils.hasText(properties.baseUrl())) {
            return true;
        }
        return host.equalsIgnoreCase(URI.create(properties.baseUrl()).getHost());
    }

    /** An authorize endpoint of Entra's form, {@code https://{host}/{tenant}/oauth2[/v2.0]/authorize}; anything else is AADSTS50049. */
    record AuthorizationEndpoint(String host, String tenant) {

        private static final Pattern PATH = Pattern.compile("/([^/]+)/oauth2(?:/v2\\.0)?/authorize");

        static AuthorizationEndpoint parse(String value) {
            try {
                URI uri = new URI(value == null ? "" : value);
                Matcher path = PATH.matcher(uri.getPath() == null ? "" : uri.getPath());
                if (uri.getScheme() == null || !SCHEMES.contains(uri.getScheme().toLowerCase(Locale.ROOT)) || uri.getHost() == null
                        || !path.matches()) {
                    throw new EntraException(EntraError.INVALID_INSTANCE);
                }
                return new AuthorizationEndpoint(uri.getHost(), path.group(1));
            } catch (URISyntaxException e) {
                throw new EntraException(EntraError.INVALID_INSTANCE);
            }
        }
    }
}
