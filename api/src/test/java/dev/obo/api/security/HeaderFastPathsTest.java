package dev.obo.api.security;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.obo.api.ApiTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two header fast paths answer exactly as the Spring Security rules they shortcut: the
 * bearer token syntax of {@code DefaultBearerTokenResolver} and the header-value rule of
 * {@code StrictHttpFirewall}, compared on 20,000 seeded random strings each; and the firewall
 * still refuses a control character sent over a real socket.
 */
class HeaderFastPathsTest extends ApiTest {

    /** DefaultBearerTokenResolver's pattern (Spring Security 7.0). */
    private static final Pattern BEARER = Pattern.compile("^Bearer (?<token>[a-zA-Z0-9-._~+/]+=*)$", Pattern.CASE_INSENSITIVE);
    /** StrictHttpFirewall's default pattern for header values (Spring Security 7.0). */
    private static final Pattern HEADER_VALUE = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");
    private static final String ALPHABET = "aZ09-._~+/= \t\u0001\u007f\u00e9\u0085\u2028\ud83d\ude00\ud800\u0378";

    @Test
    void isB64TokenWhenRandomHeadersThenSameAnswerAsSpringSecuritysPattern() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            String header = (random.nextBoolean() ? "Bearer " : "bEaReR ") + randomString(random);
            assertThat(BearerHeaderTokenResolver.isB64Token(header, 7)).as("%s", header).isEqualTo(BEARER.matcher(header).matches());
        }
    }

    @Test
    void allowedHeaderValueWhenRandomValuesThenSameAnswerAsStrictHttpFirewallsPattern() {
        Random random = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            String value = randomString(random);
            assertThat(ResourceServerConfig.allowedHeaderValue(value)).as("%s", value).isEqualTo(HEADER_VALUE.matcher(value).matches());
        }
    }

    @Test
    void getHealthWhenHeaderValueHasControlCharacterThen400AndWhenLatin1OrTabThen200() throws Exception {
        assertThat(statusWithHeader("a\u0001b")).isEqualTo(400);
        assertThat(statusWithHeader("caf\u00e9\tcr\u00e8me")).isEqualTo(200);
        assertThat(statusWithHeader("plain")).isEqualTo(200);
    }

    private int statusWithHeader(String value) throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /actuator/health/liveness HTTP/1.1\r\nHost: localhost\r\nX-Note: " + value + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String statusLine = new String(in.readNBytes(12), StandardCharsets.ISO_8859_1);
            return Integer.parseInt(statusLine.substring(9, 12));
        }
    }

    private static String randomString(Random random) {
        StringBuilder s = new StringBuilder();
        int length = random.nextInt(12);
        for (int i = 0; i < length; i++) {
            int pick = random.nextInt(ALPHABET.length() + 4);
            s.append(pick < ALPHABET.length() ? ALPHABET.charAt(pick) : (char) ('a' + random.nextInt(26)));
        }
        return s.toString();
    }
}
