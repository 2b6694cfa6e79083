package dev.obo.sandbox.graph;

import java.util.Set;

import org.springframework.stereotype.Component;

import dev.obo.sandbox.identity.jose.TenantTokenVerifier;
import dev.obo.sandbox.resource.Caller;
import dev.obo.sandbox.resource.ContinuousAccessEvaluation;
import dev.obo.sandbox.resource.ResourceCallers;
import dev.obo.sandbox.tenant.AppIdentifiers;

/**
 * Authenticates a call to the Graph stand-in as Microsoft Graph does: a bearer token of this
 * tenant for Graph's audience ({@code https://graph.microsoft.com}, with or without the trailing
 * slash, or Graph's app id) that names a user or app ({@code oid}) and, for a CAE token, a user whose
 * sessions were not revoked since. What the token may do
 * (delegated or app-only, its scopes) is for the endpoint to decide.
 */
@Component
class GraphCallers {

    static final Set<String> AUDIENCES = Set.of("https://graph.microsoft.com", "https://graph.microsoft.com/", AppIdentifiers.GRAPH);

    private final ResourceCallers callers;
    private final GraphErrors errors;

    /** The meters of Graph's continuous access evaluation: {@code sandbox.graph.cae.challenges}. */
    static final String CAE_METERS = "sandbox.graph";

    GraphCallers(TenantTokenVerifier verifier, GraphErrors errors, ContinuousAccessEvaluation cae) {
        this.callers = new ResourceCallers(verifier, AUDIENCES, errors, cae, CAE_METERS);
        this.errors = errors;
    }

    /** Who calls, by the token in {@code authorization}. */
    Caller authenticate(String authorization) {
        Caller caller = callers.authenticate(authorization);
        if (caller.oid() == null) {
            throw errors.unauthenticated("Access token validation failure. The token names no user or app (oid).");
        }
        return caller;
    }
}
