package dev.obo.web.session;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

import org.springframework.data.redis.serializer.JdkSerializationRedisSerializer;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.data.redis.serializer.SerializationException;

/**
 * Every value of a session as Redis holds it: Java serialization (Spring Session's default), then
 * sealed with AES-256-GCM (NIST SP 800-38D) under the app's session key. A value is the header
 * {@code obs1;kid=<key id>;alg=A256GCM;} (30 bytes, the associated data), a random 12-byte nonce,
 * and the ciphertext with its 16-byte tag. Nothing of a token, an id token or a user's name can be
 * read in Redis, and nothing written there by anyone without the key is ever deserialized: the tag
 * is checked first. A value sealed under a key this instance does not hold, or that does not open,
 * is read as {@link Unreadable}: its session counts as gone and the user signs in again.
 */
final class SealedSessionValues implements RedisSerializer<Object> {

    static final String SCHEME = "obs1";
    static final String ALGORITHM = "A256GCM";
    private static final int HEADER = (SCHEME + ";kid=00000000;alg=" + ALGORITHM + ";").length();
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;

    private final RedisSerializer<Object> java;
    private final SessionKey sealing;
    private final Map<String, SessionKey> opening = new LinkedHashMap<>();
    private final SecureRandom random = new SecureRandom();

    /** Seals under {@code sealing}; opens what it or any of {@code alsoOpening} sealed. */
    SealedSessionValues(ClassLoader classLoader, SessionKey sealing, List<SessionKey> alsoOpening) {
        this.java = new JdkSerializationRedisSerializer(classLoader);
        this.sealing = sealing;
        opening.put(sealing.id(), sealing);
        alsoOpening.forEach(key -> opening.putIfAbsent(key.id(), key));
    }

    @Override
    public byte[] serialize(Object value) {
        if (value == null) {
            // An attribute removed: Spring Session writes it as empty, as Java serialization does.
            return new byte[0];
        }
        byte[] header = header(sealing.id());
        byte[] nonce = new byte[NONCE];
        random.nextBytes(nonce);
        try {
            byte[] sealed = cipher(Cipher.ENCRYPT_MODE, sealing, nonce, header).doFinal(java.serialize(value));
            return ByteBuffer.allocate(header.length + NONCE + sealed.length).put(header).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    @Override
    public Object deserialize(byte[] value) {
        if (value == null || value.length == 0) {
            return null;
        }
        if (value.length < HEADER + NONCE + TAG_BITS / 8) {
            return new Unreadable("not an " + SCHEME + " value");
        }
        String header = new String(value, 0, HEADER, StandardCharsets.US_ASCII);
        String kid = header.startsWith(SCHEME + ";kid=") ? header.substring(9, 17) : null;
        if (kid == null || !Arrays.equals(header(kid), 0, HEADER, value, 0, HEADER)) {
            return new Unreadable("not an " + SCHEME + " value");
        }
        SessionKey key = opening.get(kid);
        if (key == null) {
            return new Unreadable("sealed under key " + kid + ", which this instance does not hold");
        }
        try {
            Cipher gcm = cipher(Cipher.DECRYPT_MODE, key, Arrays.copyOfRange(value, HEADER, HEADER + NONCE), header(kid));
            return java.deserialize(gcm.doFinal(value, HEADER + NONCE, value.length - HEADER - NONCE));
        } catch (GeneralSecurityException e) {
            return new Unreadable("does not open under key " + kid);
        } catch (SerializationException e) {
            // Opened, but its class changed or is gone (an upgrade): the user signs in again, no 500.
            return new Unreadable("opens under key " + kid + " but does not deserialize here");
        }
    }

    private static byte[] header(String kid) {
        return (SCHEME + ";kid=" + kid + ";alg=" + ALGORITHM + ";").getBytes(StandardCharsets.US_ASCII);
    }

    private static Cipher cipher(int mode, SessionKey key, byte[] nonce, byte[] header) throws GeneralSecurityException {
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(mode, key.key(), new GCMParameterSpec(TAG_BITS, nonce));
        gcm.updateAAD(header);
        return gcm;
    }

    /** A value that could not be opened, and why: never deserialized, its session counts as gone. */
    record Unreadable(String reason) {
    }
}
