package dev.obo.sandbox.resource;

import java.time.Duration;
import java.util.List;

import dev.obo.sandbox.identity.jose.InvalidTokenException;

/**
 * A stand-in's own words for the refusals the shared parts make: its codes and messages for a
 * caller it does not accept ({@link ResourceCallers}) and for the faults a test injects
 * ({@link Faults}). ARM and Graph refuse the same things in different JSON and words.
 */
public interface ResourceErrors {

    /** No {@code Authorization} header. */
    ResourceException missingToken();

    /** An {@code Authorization} header that is not {@code Bearer <token>}. */
    ResourceException notBearer();

    /** A token the tenant's verifier refused. */
    ResourceException invalidToken(InvalidTokenException reason);

    /** A token of the tenant, but for another resource. */
    ResourceException wrongAudience(List<String> audience);

    /** A CAE token refused by continuous access evaluation: 401 with the stand-in's claims challenge. */
    ResourceException caeChallenge(CaeChallenge challenge);

    /** An injected 401: a token that verified, refused as for a revoked session. */
    ResourceException revoked();

    /** An injected 429. */
    ResourceException throttled(Duration retryAfter);

    /** An injected 503. */
    ResourceException unavailable(Duration retryAfter);

    /** An injected 500. */
    ResourceException failed();
}
