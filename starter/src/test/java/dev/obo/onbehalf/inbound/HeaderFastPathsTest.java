package dev.obo.onbehalf.inbound;

import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two header fast paths answer exactly as the Spring Security rules they shortcut: the
 * bearer token syntax of {@code DefaultBearerTokenResolver} and the header-value rule of
 * {@code StrictHttpFirewall}, compared on 20,000 seeded random strings each.
 */
class HeaderFastPathsTest {

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
            assertThat(ResourceServerConfiguration.allowedHeaderValue(value)).as("%s", value).isEqualTo(HEADER_VALUE.matcher(value).matches());
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
