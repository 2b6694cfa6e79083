package dev.obo.sandbox.identity.consent;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import dev.obo.sandbox.identity.error.EntraError;
import dev.obo.sandbox.identity.error.EntraException;
import dev.obo.sandbox.tenant.AppIdentifiers;
import dev.obo.sandbox.tenant.Directory;
import dev.obo.sandbox.tenant.SandboxSeed.App;

/**
 * Reads Entra v2 {@code scope} values: {@code <resource identifier or app id>/<scope>},
 * {@code <resource>/.default}, and the OpenID Connect scopes. One resource per request,
 * as Entra requires (AADSTS28000).
 */
@Component
public class Scopes {

    static final Set<String> OIDC = Set.of("openid", "profile", "email", "offline_access");
    public static final String DEFAULT = ".default";
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    // NOTE: the seed's Microsoft Graph when it has one (the default seed does); this one, alike, serves
    // a seed without it as the audience of tokens for OpenID Connect scopes alone.
    private static final App GRAPH = new App("Microsoft Graph", AppIdentifiers.GRAPH, false, null, null, null, null,
            List.of("https://graph.microsoft.com"), List.of("User.Read"), null, null, null, 1, null);

    private final Directory directory;

    Scopes(Directory directory) {
        this.directory = directory;
    }

    public ScopeRequest parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new EntraException(EntraError.MISSING_PARAMETER, "scope");
        }
        Set<String> oidc = new LinkedHashSet<>();
        ResourceScopes resource = null;
        for (String value : WHITESPACE.split(raw.trim())) {
            if (OIDC.contains(value)) {
                oidc.add(value);
                continue;
            }
            ResourceScopes one = resolve(value);
            if (resource == null) {
                resource = one;
            } else if (!resource.resourceId().equals(one.resourceId())) {
                throw new EntraException(EntraError.MULTIPLE_RESOURCES, raw);
            } else {
                List<String> merged = new ArrayList<>(resource.scopes());
                one.scopes().stream().filter(s -> !merged.contains(s)).forEach(merged::add);
                resource = new ResourceScopes(resource.resource(), resource.requestedIdentifier(), merged,
                        resource.requestedDefault() || one.requestedDefault());
            }
        }
        if (resource == null) {
            // NOTE: Entra issues a Microsoft Graph token when only OpenID Connect scopes are asked.
            resource = new ResourceScopes(graph(), AppIdentifiers.GRAPH, List.copyOf(oidc), false);
        }
        return new ScopeRequest(Set.copyOf(oidc), resource, raw.trim());
    }

    private ResourceScopes resolve(String value) {
        int slash = value.lastIndexOf('/');
        if (slash < 0) {
            return bareGraphScope(value);
        }
        if (slash == 0 || slash == value.length() - 1) {
            throw new EntraException(EntraError.INVALID_SCOPE, "The scope '" + value
                    + "' is not valid: name a resource and a scope, as in api://<app id>/<scope>.");
        }
        String identifier = value.substring(0, slash);
        String name = value.substring(slash + 1);
        App app = directory.resource(identifier).orElseThrow(
                () -> new EntraException(EntraError.RESOURCE_NOT_FOUND, identifier, directory.tenant().id()));
        String audience = app.identifierUris().stream()
                .filter(uri -> AppIdentifiers.withoutTrailingSlash(uri).equalsIgnoreCase(AppIdentifiers.withoutTrailingSlash(identifier)))
                .findFirst().orElse(app.clientId());
        if (DEFAULT.equals(name)) {
            return new ResourceScopes(app, audience, List.of(), true);
        }
        if (!app.scopes().contains(name)) {
            throw new EntraException(EntraError.INVALID_SCOPE, "The scope '" + value + "' is not valid: resource '"
                    + identifier + "' exposes no scope named '" + name + "'.");
        }
        return new ResourceScopes(app, audience, List.of(name), false);
    }

    // Entra reads a scope without a resource as a Microsoft Graph permission.
    private ResourceScopes bareGraphScope(String name) {
        App graph = directory.app(AppIdentifiers.GRAPH).filter(g -> g.scopes().contains(name)).orElseThrow(
                () -> new EntraException(EntraError.INVALID_SCOPE, "The scope '" + name + "' is not valid: the sandbox's "
                        + "Microsoft Graph exposes no such permission; name a resource, as in api://<app id>/<scope>."));
        return new ResourceScopes(graph, AppIdentifiers.GRAPH, List.of(name), false);
    }

    private App graph() {
        return directory.app(AppIdentifiers.GRAPH).orElse(GRAPH);
    }
}
