package dev.obo.onbehalf.credential;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/**
 * A federated token in a file, sent as the {@code client_assertion} (Microsoft's "workload identity
 * federation"; AKS workload identity projects a service account token to
 * {@code AZURE_FEDERATED_TOKEN_FILE} and rotates it). The file is read again when it changes, and before
 * a token request whenever the token it held has expired (its {@code exp}, read without verifying): the
 * kubelet rewrites it well before that, so an expired token means the file is stale, and Entra's
 * refusal (AADSTS700024) is the caller's 503. A reload swaps one immutable {@link Held} value.
 */
final class FederatedTokenFile implements ExternalAssertion {

    private static final Logger log = LoggerFactory.getLogger(FederatedTokenFile.class);

    private final Path tokenFile;
    private final Clock clock;
    private volatile Held held;

    /** Reads the file now: a missing or empty file stops start-up with one line naming the setting. */
    FederatedTokenFile(Path tokenFile, Clock clock) {
        this.tokenFile = tokenFile;
        this.clock = clock;
        try {
            this.held = read(FileStamp.of(tokenFile));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("onbehalf.credential.token-file: cannot read a federated token from " + tokenFile + ": "
                    + (FileStamp.of(tokenFile) == null ? "no such file" : e.getMessage()), e);
        }
    }

    @Override
    public String assertion() {
        return current().assertion();
    }

    @Override
    public String type() {
        return "federated";
    }

    @Override
    public String source() {
        return "token file " + tokenFile;
    }

    private Held current() {
        Held now = held;
        FileStamp stamp = FileStamp.of(tokenFile);
        if (stamp == null) {
            throw new CredentialUnavailableException(this, null, "the file cannot be read", null);
        }
        if (stamp.equals(now.stamp()) && !now.expired(clock.instant())) {
            return now;
        }
        try {
            Held next = read(stamp);
            held = next;
            if (!stamp.equals(now.stamp())) {
                log.info("event=credential_reloaded type=federated source=\"{}\" exp={}", tokenFile, next.expiry());
            }
            return next;
        } catch (IOException | IllegalArgumentException e) {
            throw new CredentialUnavailableException(this, null, "the file cannot be read: " + e.getMessage(), e);
        }
    }

    private Held read(FileStamp stamp) throws IOException {
        String assertion = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
        if (assertion.isEmpty()) {
            throw new IllegalArgumentException("the file is empty");
        }
        return new Held(stamp, assertion, ClientAssertions.expiry(assertion));
    }

    /** The file's content and when its token expires (null: not known, so never read again for expiry alone). */
    private record Held(FileStamp stamp, String assertion, Instant expiry) {
        boolean expired(Instant now) {
            return expiry != null && !now.isBefore(expiry);
        }

        @Override
        public String toString() {
            return "Held[stamp=" + stamp + ", expiry=" + expiry + "]";
        }
    }
}
