package dev.obo.onbehalf.credential;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.util.UriComponentsBuilder;

import dev.obo.onbehalf.IdentityProviderClients;
import dev.obo.onbehalf.OnBehalfOfProperties;

/**
 * The host's managed identity as this API's credential (Microsoft: "configure an application to
 * trust a managed identity"): a token of the managed identity for {@code api://AzureADTokenExchange}
 * is the {@code client_assertion}. It is asked from IMDS ({@code GET ?api-version=2018-02-01&resource=...}
 * with {@code Metadata: true}) or, with an identity header, from App Service's endpoint
 * ({@code api-version=2019-08-01}, {@code X-IDENTITY-HEADER}); {@code client_id} names a user-assigned identity.
 * The token is kept until near its expiry: it is fetched again once less than a tenth of its life, or
 * five minutes if that is more, is left. One fetch at a time: concurrent token requests share it. When
 * the endpoint fails while the token held is still valid, that one is used; else the failure is the
 * caller's 503.
 */
final class ManagedIdentityAssertion implements ExternalAssertion {

    private static final Logger log = LoggerFactory.getLogger(ManagedIdentityAssertion.class);
    private static final Duration NEAR = Duration.ofMinutes(5);
    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() { };

    private final OnBehalfOfProperties.ManagedIdentity identity;
    private final RestClient http;
    private final Clock clock;
    private final ReentrantLock fetching = new ReentrantLock();
    private volatile Held held;
    private Failure lastFailure; // written and read under the lock

    ManagedIdentityAssertion(OnBehalfOfProperties.ManagedIdentity identity, Duration timeout, Clock clock) {
        this.identity = identity;
        this.http = RestClient.builder().requestFactory(IdentityProviderClients.requestFactory(timeout)).build();
        this.clock = clock;
    }

    @Override
    public String assertion() {
        return current().assertion();
    }

    @Override
    public String type() {
        return "managed-identity";
    }

    @Override
    public String source() {
        return (identity.appService() ? "App Service endpoint " : "IMDS endpoint ") + identity.endpoint()
                + (identity.clientId() == null ? ", system-assigned" : ", client id " + identity.clientId());
    }

    private Held current() {
        Held now = held;
        if (now != null && now.fresh(clock.instant())) {
            return now;
        }
        long arrived = System.nanoTime();
        fetching.lock();
        try {
            now = held;
            if (now != null && now.fresh(clock.instant())) {
                return now;
            }
            Failure failed = lastFailure;
            if (failed != null && failed.atNanos() - arrived >= 0) {
                // The fetch this caller waited for failed: its answer is this caller's too, not one more call to the endpoint.
                return keptOrThrown(now, failed.error());
            }
            try {
                held = fetch();
                lastFailure = null;
                return held;
            } catch (CredentialUnavailableException e) {
                lastFailure = new Failure(e, System.nanoTime());
                return keptOrThrown(now, e);
            }
        } finally {
            fetching.unlock();
        }
    }

    /** {@code now} while it is still valid, so that a failed refresh costs no request; else the failure. */
    private Held keptOrThrown(Held now, CredentialUnavailableException failure) {
        if (now != null && now.valid(clock.instant())) {
            log.warn("event=credential_refresh_failed type=managed-identity source=\"{}\" reason=\"{}\" keeping until={}",
                    identity.endpoint(), failure.getMessage(), now.expiry());
            return now;
        }
        throw failure;
    }

    /** A fetch that failed, and when (System.nanoTime): callers that waited for it share its failure. */
    private record Failure(CredentialUnavailableException error, long atNanos) {
    }

    private Held fetch() {
        Instant asked = clock.instant();
        Map<String, Object> body;
        try {
            body = http.get().uri(uri())
                    .headers(headers -> {
                        if (identity.appService()) {
                            headers.set("X-IDENTITY-HEADER", identity.identityHeader());
                        } else {
                            headers.set("Metadata", "true");
                        }
                    })
                    .retrieve()
                    .onStatus(status -> status.isError(), (request, response) -> {
                        throw new CredentialUnavailableException(this, null, "the endpoint answered " + response.getStatusCode().value(), null);
                    })
                    .body(JSON);
        } catch (RestClientException e) {
            throw new CredentialUnavailableException(this, null, "the endpoint cannot be reached: " + e.getMessage(), e);
        }
        Object token = body == null ? null : body.get("access_token");
        if (!(token instanceof String assertion) || assertion.isBlank()) {
            throw new CredentialUnavailableException(this, null, "the endpoint's answer has no access_token", null);
        }
        Instant expiry = expiry(body, assertion, asked);
        log.info("event=credential_fetched type=managed-identity source=\"{}\" exp={}", identity.endpoint(), expiry);
        return new Held(assertion, asked, expiry);
    }

    private URI uri() {
        UriComponentsBuilder uri = UriComponentsBuilder.fromUri(identity.endpoint())
                .queryParam("api-version", identity.appService() ? "2019-08-01" : "2018-02-01")
                .queryParam("resource", identity.audience());
        if (identity.clientId() != null) {
            uri.queryParam("client_id", identity.clientId());
        }
        return uri.encode().build().toUri();
    }

    // IMDS and App Service give expires_on in seconds since the epoch (as a string); else expires_in, else the token's exp.
    private static Instant expiry(Map<String, Object> body, String assertion, Instant asked) {
        try {
            if (body.get("expires_on") != null) {
                return Instant.ofEpochSecond(Long.parseLong(String.valueOf(body.get("expires_on")).trim()));
            }
            if (body.get("expires_in") != null) {
                return asked.plusSeconds(Long.parseLong(String.valueOf(body.get("expires_in")).trim()));
            }
        } catch (NumberFormatException e) {
            // Not a number: fall back to the token's own exp.
        }
        Instant exp = ClientAssertions.expiry(assertion);
        return exp == null ? asked : exp;
    }

    /** The managed identity's token, when it was asked for, and when it expires. */
    private record Held(String assertion, Instant fetched, Instant expiry) {
        /** Not yet near its expiry: more than a tenth of its life, and more than five minutes, left. */
        boolean fresh(Instant now) {
            Duration tenth = Duration.between(fetched, expiry).dividedBy(10);
            return now.isBefore(expiry.minus(tenth.compareTo(NEAR) > 0 ? tenth : NEAR));
        }

        /** Still good for a token request: more than a minute left. */
        boolean valid(Instant now) {
            return now.isBefore(expiry.minus(Duration.ofMinutes(1)));
        }

        @Override
        public String toString() {
            return "Held[fetched=" + fetched + ", expiry=" + expiry + "]";
        }
    }
}
