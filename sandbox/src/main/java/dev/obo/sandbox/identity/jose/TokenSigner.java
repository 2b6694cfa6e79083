package dev.obo.sandbox.identity.jose;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import org.springframework.stereotype.Component;

/**
 * Signs the tenant's tokens as Entra does: RS256 (RFC 7518 section 3.3) with the key that signs
 * now, named by {@code kid} in the header (RFC 7515 section 4.1.4), {@code typ} JWT.
 */
@Component
public class TokenSigner {

    private final SigningKeys keys;

    TokenSigner(SigningKeys keys) {
        this.keys = keys;
    }

    public String sign(JWTClaimsSet claims) {
        RSAKey key = keys.current();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
                .keyID(key.getKeyID()).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
        return jwt.serialize();
    }
}
