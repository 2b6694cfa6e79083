package dev.obo.web.home;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.obo.web.apiclient.Profile;
import dev.obo.web.apiclient.ServerTiming;
import dev.obo.web.apiclient.Subscriptions;
import dev.obo.web.security.PendingChallenge;
import dev.obo.web.security.PendingChallenge.Kind;
import dev.obo.web.security.PendingChallenge.Refusal;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The "How this worked" picture: a token request or a cache hit per downstream API, the real
 * timings, Graph only when the profile came; and first the challenge answered on the way, if any.
 */
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

    @Test
    void ofWhenArmRefusedARevokedSessionOnTheWayThenItsChallengeAndTheSignInWithClaimsComeFirst() {
        PendingChallenge answered = new PendingChallenge(Kind.CLAIMS, "{\"access_token\":{\"nbf\":{\"essential\":true,\"value\":\"1\"}}}",
                "/", new Refusal("401 insufficient_claims", Refusal.ARM, "session revoked"), 1);

        SequenceDiagram diagram = SequenceDiagram.of(TWO, new Profile(Map.of(), new ServerTiming(2, true, 7), 15, null), answered);

        List<String> labels = labels(diagram);
        assertThat(labels).startsWith("GET /", "GET /subscriptions · Bearer (the token before)", "GET /subscriptions · its cached token",
                "401 · claims challenge", "401 insufficient_claims (ARM: session revoked)", "sign in again with claims",
                "authorize · claims · the user signs in", "code → new tokens", "GET /");
        assertThat(labels).containsSubsequence("On-Behalf-Of for ARM · jwt-bearer · 40.3 ms", "2 subscriptions", "this page");
        assertThat(diagram.messages().get(2)).as("the API to ARM").satisfies(m -> {
            assertThat(m.x1()).isEqualTo(diagram.lanes().get(2).x());
            assertThat(m.x2()).isEqualTo(diagram.lanes().get(4).x());
        });
        assertThat(diagram.messages().get(4)).as("the API's 401 back to the web app").satisfies(m -> {
            assertThat(m.reply()).isTrue();
            assertThat(m.x2()).isEqualTo(diagram.lanes().get(1).x());
        });
        assertThat(diagram.height()).isEqualTo(50 + diagram.messages().size() * 44 + 20);
    }

    @Test
    void ofWhenTheIdentityProviderRefusedTheAssertionOnTheWayThenItsRefusalAtOnBehalfOf() {
        PendingChallenge answered = new PendingChallenge(Kind.TOKEN, null, "/",
                new Refusal("401 invalid_token", Refusal.ON_BEHALF_OF, "AADSTS50057"), 1);

        List<String> labels = labels(SequenceDiagram.of(TWO, new Profile(Map.of(), new ServerTiming(0, false, 0), 0, "down"), answered));

        assertThat(labels).containsSubsequence("On-Behalf-Of · jwt-bearer", "refused · AADSTS50057",
                "401 invalid_token (On-Behalf-Of: AADSTS50057)", "sign in again", "authorize · the user signs in");
        assertThat(labels).noneMatch(label -> label.contains("with claims"));
    }

    private static List<String> labels(SequenceDiagram diagram) {
        return diagram.messages().stream().map(SequenceDiagram.Message::label).toList();
    }
}
