package dev.obo.web.session;

import java.io.Serializable;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The sealing of session values for Redis: AES-256-GCM under the app's key, with a key id, rotation, and tampering found before deserializing. */
class SealedSessionValuesTest {

    private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.signature";
    private final SessionKey current = key();
    private final SessionKey old = key();

    @Test
    void serializeWhenAValueThenHeaderNonceAndCiphertextWithNoPlaintext() {
        SealedSessionValues sealed = new SealedSessionValues(getClass().getClassLoader(), current, List.of());

        byte[] value = sealed.serialize(TOKEN);

        assertThat(new String(value, 0, 30, StandardCharsets.US_ASCII)).isEqualTo("obs1;kid=" + current.id() + ";alg=A256GCM;");
        assertThat(new String(value, StandardCharsets.ISO_8859_1)).doesNotContain("eyJ").doesNotContain("alice");
        assertThat(sealed.deserialize(value)).isEqualTo(TOKEN);
        assertThat(sealed.serialize(TOKEN)).as("a fresh nonce each time").isNotEqualTo(value);
    }

    @Test
    void deserializeWhenSealedUnderThePreviousKeyThenOpensAndNewValuesAreSealedUnderTheCurrentKey() {
        byte[] before = new SealedSessionValues(getClass().getClassLoader(), old, List.of()).serialize(TOKEN);
        SealedSessionValues rotated = new SealedSessionValues(getClass().getClassLoader(), current, List.of(old));

        assertThat(rotated.deserialize(before)).isEqualTo(TOKEN);
        assertThat(new String(rotated.serialize(TOKEN), StandardCharsets.US_ASCII)).startsWith("obs1;kid=" + current.id() + ";");
    }

    @Test
    void deserializeWhenTheValuesClassIsNotOnThisInstancesClassPathThenUnreadable() {
        // As after an upgrade that changed a session value's class: it opens, but does not deserialize.
        byte[] value = new SealedSessionValues(getClass().getClassLoader(), current, List.of()).serialize(new Probe("alice"));
        SealedSessionValues elsewhere = new SealedSessionValues(new URLClassLoader(new URL[0], null), current, List.of());

        assertThat(elsewhere.deserialize(value)).isInstanceOf(SealedSessionValues.Unreadable.class);
    }

    record Probe(String user) implements Serializable {
    }

    @Test
    void deserializeWhenSealedUnderAKeyNoLongerHeldThenUnreadable() {
        byte[] before = new SealedSessionValues(getClass().getClassLoader(), old, List.of()).serialize(TOKEN);

        Object read = new SealedSessionValues(getClass().getClassLoader(), current, List.of()).deserialize(before);

        assertThat(read).isInstanceOfSatisfying(SealedSessionValues.Unreadable.class,
                unreadable -> assertThat(unreadable.reason()).contains(old.id()));
    }

    static Stream<Arguments> unreadable() {
        SessionKey key = key();
        byte[] sealed = new SealedSessionValues(SealedSessionValuesTest.class.getClassLoader(), key, List.of()).serialize(TOKEN);
        byte[] flippedCiphertext = sealed.clone();
        flippedCiphertext[flippedCiphertext.length - 20] ^= 1;
        byte[] otherAlgorithm = sealed.clone();
        System.arraycopy("A128GCM".getBytes(StandardCharsets.US_ASCII), 0, otherAlgorithm, 22, 7);
        return Stream.of(
                Arguments.of("a ciphertext changed by one bit", key, flippedCiphertext),
                Arguments.of("a header naming another algorithm (it is the associated data)", key, otherAlgorithm),
                Arguments.of("a value Spring Session's default serializer wrote (Java serialization, unsealed)", key,
                        new org.springframework.data.redis.serializer.JdkSerializationRedisSerializer().serialize(TOKEN)),
                Arguments.of("a value too short to be sealed", key, "obs1;".getBytes(StandardCharsets.US_ASCII)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unreadable")
    void deserializeWhenNotSealedByThisKeyThenUnreadableNeverDeserialized(String proves, SessionKey key, byte[] value) {
        assertThat(new SealedSessionValues(getClass().getClassLoader(), key, List.of()).deserialize(value)).as(proves)
                .isInstanceOf(SealedSessionValues.Unreadable.class);
    }

    @Test
    void serializeWhenAttributeRemovedThenEmptyAndReadBackAsNone() {
        SealedSessionValues sealed = new SealedSessionValues(getClass().getClassLoader(), current, List.of());

        assertThat(sealed.serialize(null)).isEmpty();
        assertThat(sealed.deserialize(new byte[0])).isNull();
    }

    static SessionKey key() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return SessionKey.parse("obo.web.session.encryption-key", Base64.getEncoder().encodeToString(bytes));
    }
}
