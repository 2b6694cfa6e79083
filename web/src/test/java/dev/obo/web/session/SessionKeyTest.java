package dev.obo.web.session;

import java.util.Base64;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The session key setting: the base64 of 32 bytes, in either alphabet; anything else is refused naming the setting, never the value. */
class SessionKeyTest {

    private static final String SETTING = "obo.web.session.encryption-key";

    @Test
    void parseWhenStandardOrUrlSafeBase64ThenTheSameKeyAndId() {
        byte[] bytes = new byte[32];
        bytes[0] = (byte) 0xfb;
        bytes[1] = (byte) 0xff;
        SessionKey standard = SessionKey.parse(SETTING, Base64.getEncoder().encodeToString(bytes));
        SessionKey urlSafe = SessionKey.parse(SETTING, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));

        assertThat(standard.id()).hasSize(8).isEqualTo(urlSafe.id());
        assertThat(standard.key().getEncoded()).isEqualTo(bytes);
        assertThat(standard.toString()).doesNotContain(Base64.getEncoder().encodeToString(bytes));
    }

    static Stream<Arguments> badKeys() {
        return Stream.of(
                Arguments.of("not base64", "not a key!", "it is not base64"),
                Arguments.of("16 bytes: an AES-128 key", Base64.getEncoder().encodeToString(new byte[16]), "it is 16 bytes, not 32"),
                Arguments.of("a passphrase", "correct horse battery staple", "the base64 of 32 random bytes"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badKeys")
    void parseWhenNotThirtyTwoBytesOfBase64ThenRefusedNamingTheSettingNotTheValue(String proves, String value, String why) {
        assertThatThrownBy(() -> SessionKey.parse(SETTING, value)).as(proves)
                .hasMessageContaining(SETTING).hasMessageContaining(why).hasMessageNotContaining(value);
    }
}
