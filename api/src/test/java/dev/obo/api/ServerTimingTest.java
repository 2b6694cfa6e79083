package dev.obo.api;

import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Server-Timing's durations read as {@code %.2f} would write them. */
class ServerTimingTest {

    @Test
    void millisWhenDurationsThenSameTextAsTwoDecimalFormat() {
        Random random = new Random(3);
        for (int i = 0; i < 100_000; i++) {
            // Away from the exact half-hundredths, where binary doubles make both roundings a coin toss.
            double millis = (Math.floor(random.nextDouble() * 1_000_000) + 0.25 + random.nextDouble() * 0.5) / (random.nextBoolean() ? 100 : 1_000);
            assertThat(ServerTiming.millis(millis)).as("%s", millis).isEqualTo(String.format(Locale.ROOT, "%.2f", millis));
        }
        assertThat(ServerTiming.millis(0)).isEqualTo("0.00");
        assertThat(ServerTiming.millis(12.3)).isEqualTo("12.30");
        assertThat(ServerTiming.millis(0.049)).isEqualTo("0.05");
    }
}
