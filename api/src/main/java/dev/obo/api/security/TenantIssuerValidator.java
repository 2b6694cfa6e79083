package dev.obo.api.security;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Checks {@code iss}. For a single-tenant API the configured issuer is compared as is; a
 * multi-tenant issuer such as {@code https://login.microsoftonline.com/{tenantid}/v2.0} is
 * compared with {@code {tenantid}} replaced by the token's own {@code tid}, as Microsoft
 * recommends for multi-tenant APIs.
 */
final class TenantIssuerValidator implements OAuth2TokenValidator<Jwt> {

    private final String issuer;

    TenantIssuerValidator(String issuer) {
        this.issuer = issuer;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        String tid = token.getClaimAsString("tid");
        String expected = issuer.replace("{tenantid}", tid == null ? "" : tid);
        String actual = token.getClaimAsString("iss");
        if (expected.equals(actual)) {
            return OAuth2TokenValidatorResult.success();
        }
        return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
                "The token was issued by '" + actual + "', not by '" + expected + "'", null));
    }
}
