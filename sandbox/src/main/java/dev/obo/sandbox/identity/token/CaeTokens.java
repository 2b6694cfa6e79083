package dev.obo.sandbox.identity.token;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import dev.obo.sandbox.identity.IdentityProperties;
import dev.obo.sandbox.identity.claims.ClaimsRequest;

/**
 * Which access tokens are CAE tokens (continuous access evaluation): those for a CAE-enabled
 * resource ({@code sandbox.identity.cae-resources}, ARM and Graph) asked by a client that declared
 * the capability {@code cp1}. Such a token carries {@code xms_cc}, the capabilities as asked
 * (Microsoft's claims-challenge page: an array of strings), and lives {@code cae-token-lifetime}
 * ("Token lifetime increases to long-lived, up to 28 hours, in CAE sessions"), because the
 * resource refuses it as soon as the user's sessions are revoked. Every other token lives
 * {@code access-token-lifetime} and has no {@code xms_cc}.
 */
@Component
class CaeTokens {

    private final Duration lifetime;
    private final Duration caeLifetime;
    private final Set<String> resources;

    CaeTokens(IdentityProperties properties) {
        this.lifetime = properties.accessTokenLifetime();
        this.caeLifetime = properties.caeTokenLifetime();
        this.resources = properties.caeResources().stream().map(id -> id.trim().toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** The terms of an access token for the resource of app id {@code resourceId}, asked with {@code claims}. */
    Terms terms(String resourceId, ClaimsRequest claims) {
        if (claims.declaresCae() && resources.contains(resourceId.toLowerCase(Locale.ROOT))) {
            return new Terms(caeLifetime, claims.clientCapabilities());
        }
        return new Terms(lifetime, List.of());
    }

    /** How long an access token lives, and its {@code xms_cc} (empty: none, not a CAE token). */
    record Terms(Duration lifetime, List<String> clientCapabilities) {

        boolean cae() {
            return !clientCapabilities.isEmpty();
        }
    }
}
