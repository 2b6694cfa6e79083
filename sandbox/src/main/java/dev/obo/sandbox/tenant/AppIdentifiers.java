package dev.obo.sandbox.tenant;

import java.util.regex.Pattern;

/**
 * How apps are named: the app ids Microsoft gives its own resources, the same in every tenant,
 * and how identifier URIs compare, as Entra compares them: a trailing slash does not count
 * ({@code https://management.azure.com/} is {@code https://management.azure.com}).
 */
public final class AppIdentifiers {

    /** Microsoft Graph's app id: the resource of bare scopes ({@code User.Read}) and of OpenID Connect scopes alone. */
    public static final String GRAPH = "00000003-0000-0000-c000-000000000000";

    /** Azure Resource Manager's app id (Entra's "Windows Azure Service Management API"). */
    public static final String ARM = "797f4846-ba00-4fd7-ba43-dac1f8f63013";

    private static final Pattern TRAILING_SLASHES = Pattern.compile("/+$");

    private AppIdentifiers() {
    }

    public static String withoutTrailingSlash(String identifier) {
        return TRAILING_SLASHES.matcher(identifier).replaceFirst("");
    }
}
