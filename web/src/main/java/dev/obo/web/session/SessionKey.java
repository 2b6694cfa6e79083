package dev.obo.web.session;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * An AES-256 key of the session store, from its setting (the base64 of 32 bytes, standard or
 * URL-safe alphabet), and its id: the first 4 bytes of its SHA-256 in hex, written beside each
 * value it sealed so that the right key opens it after a rotation. The id tells nothing of the key.
 */
record SessionKey(String id, SecretKey key) {

    static final int BYTES = 32;

    /** The key set as {@code setting}, or a start-up failure that names the setting (never its value). */
    static SessionKey parse(String setting, String base64) {
        byte[] bytes;
        try {
            bytes = base64.contains("-") || base64.contains("_") ? Base64.getUrlDecoder().decode(base64.strip())
                    : Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw invalid(setting, "it is not base64");
        }
        if (bytes.length != BYTES) {
            throw invalid(setting, "it is " + bytes.length + " bytes, not " + BYTES);
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return new SessionKey(HexFormat.of().formatHex(digest, 0, 4), new SecretKeySpec(bytes, "AES"));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    static InvalidConfigurationPropertyValueException invalid(String setting, String why) {
        return new InvalidConfigurationPropertyValueException(setting, "(not shown)",
                why + "; the sessions are in Redis (REDIS_URL), so it must be the base64 of 32 random bytes: openssl rand -base64 32");
    }

    @Override
    public String toString() {
        return "SessionKey[" + id + "]";
    }
}
