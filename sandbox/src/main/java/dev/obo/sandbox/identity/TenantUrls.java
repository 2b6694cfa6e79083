package dev.obo.sandbox.identity;

import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import dev.obo.sandbox.tenant.Directory;

/**
 * The tenant's public URLs: issuer and endpoints at Entra's v2 paths under
 * {@code {base}/{tenant}}. {@code base} is {@code sandbox.identity.base-url}, or the
 * current request's scheme, host and port (forwarded headers honoured) when unset.
 */
@Component
public class TenantUrls {

    private final String configuredBase;
    private final String tenantId;

    TenantUrls(IdentityProperties properties, Directory directory) {
        this.configuredBase = StringUtils.hasText(properties.baseUrl()) ? stripSlash(properties.baseUrl()) : null;
        this.tenantId = directory.tenant().id();
    }

    public String base() {
        return configuredBase != null ? configuredBase
                : stripSlash(ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString());
    }

    /** The v2.0 issuer: {@code {base}/{tenant id}/v2.0}. */
    public String issuer() {
        return base() + "/" + tenantId + "/v2.0";
    }

    /** The issuer of v1.0 tokens. Entra's is {@code https://sts.windows.net/{tid}/}; the sandbox's is {@code {base}/{tid}/}. */
    public String issuerV1() {
        return base() + "/" + tenantId + "/";
    }

    public String authorizationEndpoint() {
        return base() + "/" + tenantId + "/oauth2/v2.0/authorize";
    }

    public String tokenEndpoint() {
        return base() + "/" + tenantId + "/oauth2/v2.0/token";
    }

    public String logoutEndpoint() {
        return base() + "/" + tenantId + "/oauth2/v2.0/logout";
    }

    public String jwksUri() {
        return base() + "/" + tenantId + "/discovery/v2.0/keys";
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
