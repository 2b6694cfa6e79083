package dev.obo.sandbox.identity;

import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;

import dev.obo.sandbox.tenant.Directory;

/**
 * The tenant's public URLs: issuers and endpoints at Entra's v2 paths under
 * {@code {base}/{tenant}}. {@code base} is {@code sandbox.identity.base-url}, or the
 * current request's scheme, host and port (forwarded headers from trusted proxies honoured)
 * when unset. Which issuers the tenant has issued from, whatever the current request's host,
 * is {@link IssuerHistory}'s to say.
 */
@Component
public class TenantUrls {

    /** Entra's own host, under which v1.0 tokens come from Entra's v1.0 issuer. */
    static final String ENTRA_HOST = "login.microsoftonline.com";
    static final String ENTRA_V1_ISSUER_BASE = "https://sts.windows.net";

    private final String configuredBase;
    private final String configuredV1IssuerBase;
    private final String tenantId;
    private final IssuerHistory history;

    TenantUrls(IdentityProperties properties, Directory directory, IssuerHistory history) {
        this.history = history;
        this.configuredBase = StringUtils.hasText(properties.baseUrl()) ? stripSlash(properties.baseUrl()) : null;
        this.configuredV1IssuerBase = StringUtils.hasText(properties.v1IssuerBase()) ? stripSlash(properties.v1IssuerBase()) : null;
        this.tenantId = directory.tenant().id();
    }

    public String base() {
        return configuredBase != null ? configuredBase
                : stripSlash(ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString());
    }

    /**
     * The base URL of the identity provider as another part of the sandbox (ARM) should name
     * it: {@code base-url}, else the base the sandbox last issued a token under, else this
     * request's base.
     */
    public String identityBase() {
        return configuredBase != null ? configuredBase : history.latestBase().orElseGet(this::base);
    }

    /** Whether {@code issuer} is one the sandbox has issued tokens from (v2.0 or v1.0, under any base). */
    public boolean isIssuer(String issuer) {
        return history.hasIssued(issuer);
    }

    /** The issuer for a token about to be issued (v2.0, or v1.0 when {@code version} is 1), remembered as issued. */
    public String issuerOfNewToken(int version) {
        String base = base();
        String issuer = version == 1 ? issuerV1(base) : issuer(base);
        history.issued(base, issuer);
        return issuer;
    }

    /** The v2.0 issuer: {@code {base}/{tenant id}/v2.0}. */
    public String issuer() {
        return issuer(base());
    }

    private String issuer(String base) {
        return base + "/" + tenantId + "/v2.0";
    }

    /**
     * The issuer of v1.0 tokens, {@code {v1-issuer-base}/{tid}/}. Unless set, Entra's
     * {@code https://sts.windows.net/{tid}/} when the base is Entra's own host, else {@code {base}/{tid}/}.
     */
    private String issuerV1(String base) {
        String v1Base = configuredV1IssuerBase != null ? configuredV1IssuerBase
                : ENTRA_HOST.equalsIgnoreCase(UriComponentsBuilder.fromUriString(base).build().getHost()) ? ENTRA_V1_ISSUER_BASE : base;
        return v1Base + "/" + tenantId + "/";
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
