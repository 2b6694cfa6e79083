package dev.obo.onbehalf.redis;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * Seals a cache entry for Redis under a key that only the caller's live assertion gives: the
 * AES-256-GCM key is HKDF-SHA256 (RFC 5869) of the assertion, with a random salt per entry and the
 * cache key as its info, so a Redis dump, or someone who can read Redis, holds nothing usable
 * without the assertion. The value says how it was sealed, so the scheme can change later:
 * {@code obo1;kid=assertion-hkdf-sha256;alg=A256GCM;} then the salt (16 bytes), the nonce (12)
 * and the ciphertext with its tag; the header and the cache key are its associated data, so an
 * entry moved under another key does not open.
 */
final class EntryCipher {

    static final String HEADER = "obo1;kid=assertion-hkdf-sha256;alg=A256GCM;";
    private static final byte[] HEADER_BYTES = HEADER.getBytes(StandardCharsets.US_ASCII);
    private static final int SALT = 16;
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();

    byte[] seal(String cacheKey, String assertion, byte[] plaintext) {
        byte[] salt = new byte[SALT];
        byte[] nonce = new byte[NONCE];
        random.nextBytes(salt);
        random.nextBytes(nonce);
        try {
            Cipher gcm = cipher(Cipher.ENCRYPT_MODE, cacheKey, assertion, salt, nonce);
            byte[] sealed = gcm.doFinal(plaintext);
            return ByteBuffer.allocate(HEADER_BYTES.length + SALT + NONCE + sealed.length)
                    .put(HEADER_BYTES).put(salt).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** The plaintext, or an {@link UnreadableEntryException} for a value of another scheme, or one that does not open. */
    byte[] open(String cacheKey, String assertion, byte[] value) {
        int header = HEADER_BYTES.length;
        if (value.length < header + SALT + NONCE + TAG_BITS / 8 || !Arrays.equals(value, 0, header, HEADER_BYTES, 0, header)) {
            throw new UnreadableEntryException("not an " + HEADER + " entry");
        }
        byte[] salt = Arrays.copyOfRange(value, header, header + SALT);
        byte[] nonce = Arrays.copyOfRange(value, header + SALT, header + SALT + NONCE);
        try {
            return cipher(Cipher.DECRYPT_MODE, cacheKey, assertion, salt, nonce)
                    .doFinal(value, header + SALT + NONCE, value.length - header - SALT - NONCE);
        } catch (GeneralSecurityException e) {
            throw new UnreadableEntryException("the entry does not open with this assertion");
        }
    }

    private static Cipher cipher(int mode, String cacheKey, String assertion, byte[] salt, byte[] nonce) throws GeneralSecurityException {
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(assertion.getBytes(StandardCharsets.UTF_8), salt, cacheKey.getBytes(StandardCharsets.US_ASCII)));
        byte[] key = new byte[32];
        hkdf.generateBytes(key, 0, key.length);
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        gcm.updateAAD(HEADER_BYTES);
        gcm.updateAAD(cacheKey.getBytes(StandardCharsets.US_ASCII));
        return gcm;
    }
}
