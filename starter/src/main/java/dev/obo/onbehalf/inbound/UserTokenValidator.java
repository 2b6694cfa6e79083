package dev.obo.onbehalf.inbound;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Refuses app-only tokens: On-Behalf-Of needs a user, so the token must carry the user's
 * {@code oid} and delegated {@code scp}, and must not say {@code idtyp=app}.
 */
final class UserTokenValidator implements OAuth2TokenValidator<Jwt> {

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        boolean appOnly = "app".equals(token.getClaimAsString("idtyp")) || token.getClaimAsString("scp") == null
                || token.getClaimAsString("oid") == null;
        if (!appOnly) {
            return OAuth2TokenValidatorResult.success();
        }
        return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
                "The token is an app-only token; this API acts on behalf of a user and needs a delegated user token", null));
    }
}
