package dev.obo.web.home;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.obo.web.apiclient.Profile;
import dev.obo.web.apiclient.ServerTiming;
import dev.obo.web.apiclient.Subscriptions;
import dev.obo.web.security.PendingChallenge;
import dev.obo.web.security.PendingChallenge.Refusal;

/**
 * The "How this worked" picture of one request, laid out here and drawn as SVG by the
 * template: six lifelines (browser, web app, API, identity provider, ARM, Graph) and the messages
 * between them, labelled with the real timings of this page's two calls; first, when the API
 * asked the user to sign in again on the way to this page, that challenge and the sign-in that
 * answered it (for a revoked session: ARM's 401, the API's, and the sign-in with the claims).
 */
public record SequenceDiagram(List<Lane> lanes, List<Message> messages, int width, int height) {

    private static final int LANE_GAP = 150;
    private static final int LEFT = 70;
    private static final int TOP = 50;
    private static final int STEP = 44;

    private static final String[] NAMES = {"Browser", "Web app", "API", "Identity provider", "ARM", "Graph"};

    static SequenceDiagram of(Subscriptions answer, Profile profile) {
        return of(answer, profile, null);
    }

    /** With {@code answered}, the challenge answered on the way to this page, if any. */
    static SequenceDiagram of(Subscriptions answer, Profile profile, PendingChallenge answered) {
        List<Lane> lanes = new ArrayList<>();
        for (int i = 0; i < NAMES.length; i++) {
            lanes.add(new Lane(NAMES[i], LEFT + i * LANE_GAP));
        }
        List<Message> messages = new ArrayList<>();
        if (answered != null) {
            challenge(messages, lanes, answered);
        }
        int count = answer.value().size();
        add(messages, lanes, 0, 1, "GET /", false);
        add(messages, lanes, 1, 2, "GET /subscriptions · Bearer (aud = API)", false);
        onBehalfOf(messages, lanes, answer.timing(), "ARM");
        add(messages, lanes, 2, 4, "GET /subscriptions · " + ms(answer.timing().downstreamMillis()), false);
        add(messages, lanes, 4, 2, count + (count == 1 ? " subscription" : " subscriptions"), true);
        add(messages, lanes, 2, 1, "200 · whole call " + ms(answer.totalMillis()), true);
        if (profile.available()) {
            add(messages, lanes, 1, 2, "GET /me · Bearer (aud = API)", false);
            onBehalfOf(messages, lanes, profile.timing(), "Graph");
            add(messages, lanes, 2, 5, "GET /v1.0/me · " + ms(profile.timing().downstreamMillis()), false);
            add(messages, lanes, 5, 2, "the user's profile", true);
            add(messages, lanes, 2, 1, "200 · whole call " + ms(profile.totalMillis()), true);
        }
        add(messages, lanes, 1, 0, "this page", true);
        int height = TOP + messages.size() * STEP + 20;
        return new SequenceDiagram(lanes, messages, LEFT * 2 + (NAMES.length - 1) * LANE_GAP, height);
    }

    /** The call the API refused, who refused it, the API's answer, and the sign-in again that answered it. */
    private static void challenge(List<Message> messages, List<Lane> lanes, PendingChallenge answered) {
        Refusal refusal = answered.refusal();
        String by = refusal == null ? null : refusal.by();
        add(messages, lanes, 0, 1, "GET /", false);
        add(messages, lanes, 1, 2, "GET /subscriptions · Bearer (the token before)", false);
        if (Refusal.ARM.equals(by) || Refusal.GRAPH.equals(by)) {
            int downstream = Refusal.ARM.equals(by) ? 4 : 5;
            add(messages, lanes, 2, downstream, (downstream == 4 ? "GET /subscriptions" : "GET /v1.0/me") + " · its cached token", false);
            add(messages, lanes, downstream, 2, "401 · claims challenge", true);
        } else if (Refusal.ON_BEHALF_OF.equals(by)) {
            add(messages, lanes, 2, 3, "On-Behalf-Of · jwt-bearer", false);
            add(messages, lanes, 3, 2, "refused · " + refusal.reason(), true);
        }
        add(messages, lanes, 2, 1, refusal == null ? "the API asks for a sign-in again" : refusal.label(), true);
        String signIn = switch (answered.kind()) {
            case CONSENT -> "sign in again to consent";
            case CLAIMS, TOKEN -> answered.claims() != null ? "sign in again with claims" : "sign in again";
        };
        add(messages, lanes, 1, 0, signIn, true);
        add(messages, lanes, 0, 3, "authorize" + (answered.claims() != null ? " · claims" : "") + " · the user signs in", false);
        add(messages, lanes, 3, 1, "code → new tokens", true);
    }

    /** The On-Behalf-Of step for one downstream API: from the cache, or a token request to the identity provider. */
    private static void onBehalfOf(List<Message> messages, List<Lane> lanes, ServerTiming timing, String downstream) {
        if (timing.oboCacheHit()) {
            add(messages, lanes, 2, 2, downstream + " token from cache (hit) · " + ms(timing.oboMillis()), false);
        } else {
            add(messages, lanes, 2, 3, "On-Behalf-Of for " + downstream + " · jwt-bearer · " + ms(timing.oboMillis()), false);
            add(messages, lanes, 3, 2, "access token (aud = " + downstream + ")", true);
        }
    }

    private static void add(List<Message> messages, List<Lane> lanes, int from, int to, String label, boolean reply) {
        int y = TOP + (messages.size() + 1) * STEP - 10;
        messages.add(new Message(lanes.get(from).x(), lanes.get(to).x(), y, label, reply));
    }

    private static String ms(double millis) {
        return String.format(Locale.ROOT, "%.1f ms", millis);
    }

    /** A lifeline at {@code x}. */
    public record Lane(String name, int x) {}

    /** An arrow from {@code x1} to {@code x2} at height {@code y}; a reply is drawn dashed; from and to the same lane is a note. */
    public record Message(int x1, int x2, int y, String label, boolean reply) {

        public boolean self() {
            return x1 == x2;
        }

        public int labelX() {
            return self() ? x1 + 10 : Math.min(x1, x2) + Math.abs(x2 - x1) / 2;
        }

        /** The arrowhead: a small triangle at the receiving end. */
        public String head() {
            if (self()) {
                return "";
            }
            int dir = x2 > x1 ? -1 : 1;
            return x2 + "," + y + " " + (x2 + dir * 8) + "," + (y - 4) + " " + (x2 + dir * 8) + "," + (y + 4);
        }
    }
}
