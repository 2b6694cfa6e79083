package dev.obo.onbehalf.inbound;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Checks that the token's issuer claims agree with the configured issuer and with each other:
 * <ul>
 * <li>{@code iss}: a single-tenant issuer is compared as is; a multi-tenant issuer such as
 * {@code https://login.microsoftonline.com/{tenantid}/v2.0} is compared with {@code {tenantid}}
 * replaced by the token's own {@code tid}, as Microsoft recommends for multi-tenant APIs;</li>
 * <li>{@code tid}: for an Entra issuer (one whose path names a tenant id, or {@code {tenantid}}),
 * the token's tenant must be the tenant in {@code iss};</li>
 * <li>{@code ver}: for an Entra issuer, the token's version must be its issuer's: {@code 2.0}
 * for an issuer ending in {@code /v2.0}, else {@code 1.0} ({@code https://sts.windows.net/{tid}/}).</li>
 * </ul>
 * Another identity provider's issuer (no tenant in its path) is compared as is, and its tokens
 * need neither {@code tid} nor {@code ver}.
 */
final class TenantIssuerValidator implements OAuth2TokenValidator<Jwt> {

    private static final String TENANT_PLACEHOLDER = "{tenantid}";
    private static final Pattern TENANT_SEGMENT = Pattern.compile(
            ".*/([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|\\{tenantid})(/.*)?");

    private final String issuer;
    private final String fixedTenant;
    private final String version;

    TenantIssuerValidator(String issuer) {
        this.issuer = issuer;
        Matcher tenant = TENANT_SEGMENT.matcher(issuer);
        boolean entra = tenant.matches();
        this.fixedTenant = entra && !TENANT_PLACEHOLDER.equals(tenant.group(1)) ? tenant.group(1) : null;
        this.version = entra ? (issuer.replaceAll("/+$", "").endsWith("/v2.0") ? "2.0" : "1.0") : null;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        String tid = token.getClaimAsString("tid");
        String actual = token.getClaimAsString("iss");
        String expected = issuer.replace(TENANT_PLACEHOLDER, tid == null ? "" : tid);
        if (!expected.equals(actual)) {
            return failure("The token was issued by '" + actual + "', not by '" + expected + "'");
        }
        if (fixedTenant != null && !fixedTenant.equalsIgnoreCase(tid)) {
            return failure("The token's tenant (tid '" + tid + "') is not the tenant of its issuer '" + actual + "'");
        }
        String ver = token.getClaimAsString("ver");
        if (version != null && !version.equals(ver)) {
            return failure("The token's version (ver '" + ver + "') is not its issuer's version " + version);
        }
        return OAuth2TokenValidatorResult.success();
    }

    private static OAuth2TokenValidatorResult failure(String description) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null));
    }
}
