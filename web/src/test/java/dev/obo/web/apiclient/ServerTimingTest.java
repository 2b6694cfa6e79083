package dev.obo.web.apiclient;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The API's {@code Server-Timing} header, read for the page: the On-Behalf-Of step, its cache hit, and the one downstream call asked for. */
class ServerTimingTest {

    @ParameterizedTest(name = "{5}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            obo;dur=3.5;desc="hit", arm;dur=12.25   | arm   | 3.5 | true  | 12.25 | a cache hit, then ARM
            obo;dur=40;desc="miss", graph;dur=7     | graph | 40  | false | 7     | a token request, then Graph
            obo;dur=1, graph;dur=7                  | arm   | 1   | false | 0     | another downstream's call is not this one's
            obo;dur=1, xarm;dur=5                   | arm   | 1   | false | 0     | a metric whose name only ends alike is not the call
            null                                    | arm   | 0   | false | 0     | no header: nothing measured
            obo;dur=1.2.3, arm;dur=.                | arm   | 1.2 | false | 0     | malformed durations: what can be read, no failure
            """)
    void parseWhenHeaderThenOnBehalfOfAndTheDownstreamCall(String header, String downstream, double obo, boolean hit, double call,
                                                          String proves) {
        assertThat(ServerTiming.parse(header, downstream)).as(proves).isEqualTo(new ServerTiming(obo, hit, call));
    }
}
