package dev.obo.web.home;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.obo.web.apiclient.Profile;
import dev.obo.web.apiclient.ServerTiming;
import dev.obo.web.apiclient.Subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

/** The "How this worked" picture: a token request or a cache hit per downstream API, the real timings, Graph only when the profile came. */
class SequenceDiagramTest {

    private static final Subscriptions TWO = new Subscriptions(List.of(Map.of(), Map.of()), new ServerTiming(40.25, false, 12.5), 60);

    @Test
    void ofWhenTokenRequestedAndProfileShownThenBothCallsOnSixLifelines() {
        SequenceDiagram diagram = SequenceDiagram.of(TWO, new Profile(Map.of(), new ServerTiming(2, true, 7), 15, null));

        assertThat(diagram.lanes()).extracting(SequenceDiagram.Lane::name)
                .containsExactly("Browser", "Web app", "API", "Identity provider", "ARM", "Graph");
        assertThat(labels(diagram)).contains("On-Behalf-Of for ARM · jwt-bearer · 40.3 ms", "GET /subscriptions · 12.5 ms",
                "2 subscriptions", "200 · whole call 60.0 ms", "Graph token from cache (hit) · 2.0 ms", "GET /v1.0/me · 7.0 ms");
        assertThat(diagram.messages()).filteredOn(SequenceDiagram.Message::self).singleElement()
                .satisfies(note -> assertThat(note.label()).startsWith("Graph token from cache"));
    }

    @Test
    void ofWhenProfileUnavailableThenNoCallToGraph() {
        SequenceDiagram diagram = SequenceDiagram.of(TWO, new Profile(Map.of(), new ServerTiming(0, false, 0), 0, "Graph is down."));

        assertThat(labels(diagram)).noneMatch(label -> label.contains("Graph") || label.contains("/me"))
                .last().isEqualTo("this page");
        assertThat(diagram.height()).isEqualTo(50 + diagram.messages().size() * 44 + 20);
    }

    private static List<String> labels(SequenceDiagram diagram) {
        return diagram.messages().stream().map(SequenceDiagram.Message::label).toList();
    }
}
