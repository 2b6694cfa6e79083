package dev.obo.sandbox.identity.token;

import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import com.nimbusds.jwt.SignedJWT;

import org.springframework.stereotype.Component;

/**
 * The last {@value #KEPT} clients the token endpoint let in, newest first, for tests and for a
 * person who wants to see what a credential looked like: the client, its method, when, and the
 * decoded header and claims of its {@code client_assertion}. NOTE: never the assertion itself, its
 * signature or a secret; what is kept could not be presented again.
 */
@Component
class ClientAuthentications {

    static final int KEPT = 50;

    private final Clock clock;
    private final Deque<Seen> seen = new ArrayDeque<>();

    ClientAuthentications(Clock clock) {
        this.clock = clock;
    }

    void record(AuthenticatedClient client, String assertion) {
        Seen entry = new Seen(client.app().clientId(), client.method(), clock.instant(), decoded(assertion));
        synchronized (seen) {
            seen.addFirst(entry);
            while (seen.size() > KEPT) {
                seen.removeLast();
            }
        }
    }

    List<Seen> newestFirst() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    private static Assertion decoded(String assertion) {
        if (assertion == null) {
            return null;
        }
        try {
            SignedJWT jwt = SignedJWT.parse(assertion);
            return new Assertion(jwt.getHeader().toJSONObject(), jwt.getJWTClaimsSet().toJSONObject());
        } catch (ParseException e) {
            return null;
        }
    }

    /** One client let in. {@code assertion} is null for a secret or a public client. */
    record Seen(String clientId, String method, Instant at, Assertion assertion) {}

    /** The decoded parts of a client assertion, without its signature. */
    record Assertion(Map<String, Object> header, Map<String, Object> claims) {}
}
