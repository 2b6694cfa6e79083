package dev.obo.sandbox.managedidentity;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import dev.obo.sandbox.resource.FaultPlan;
import dev.obo.sandbox.resource.Faults;

/**
 * Faults injected into the managed identity endpoint, off unless asked for at run time through
 * {@link ManagedIdentityAdminController}; answered in IMDS's error JSON. IMDS has no answer for a
 * revoked token, so a planned 401 answers as a 500.
 */
@Component
class ManagedIdentityFaults extends Faults {

    ManagedIdentityFaults() {
        super(FaultPlan.none());
    }

    void inject() {
        FaultPlan taken = take();
        if (taken == null || !FaultPlan.STATUSES.contains(taken.status())) {
            return;
        }
        throw switch (taken.status()) {
            case 429 -> new ImdsException(HttpStatus.TOO_MANY_REQUESTS, "too_many_requests",
                    "Too many requests to the managed identity endpoint. Retry after the time in Retry-After.", taken.retryAfter());
            case 503 -> new ImdsException(HttpStatus.SERVICE_UNAVAILABLE, "service_unavailable",
                    "The managed identity endpoint is temporarily unavailable. Retry later.", taken.retryAfter());
            default -> new ImdsException(HttpStatus.INTERNAL_SERVER_ERROR, "unknown",
                    "Failed to retrieve token from the Active directory.");
        };
    }
}
