package dev.obo.sandbox.management;

import java.util.Set;

import org.springframework.stereotype.Component;

import dev.obo.sandbox.identity.jose.TenantTokenVerifier;
import dev.obo.sandbox.resource.Caller;
import dev.obo.sandbox.resource.ContinuousAccessEvaluation;
import dev.obo.sandbox.resource.ResourceCallers;
import dev.obo.sandbox.tenant.AppIdentifiers;

/**
 * Authenticates a call to the ARM stand-in as ARM does: a bearer token of this tenant for ARM's
 * audience ({@code https://management.azure.com/} or {@code https://management.core.windows.net/},
 * with or without the slash, or ARM's app id), granting {@code user_impersonation}, and, for a CAE
 * token, of a user whose sessions were not revoked since. The caller is the user named by the token's {@code oid}.
 */
@Component
class ArmCallers {

    static final Set<String> AUDIENCES = Set.of("https://management.azure.com/", "https://management.core.windows.net/",
            "https://management.azure.com", "https://management.core.windows.net", AppIdentifiers.ARM);

    private final ResourceCallers callers;
    private final ArmErrors errors;

    /** The meters of ARM's continuous access evaluation: {@code sandbox.arm.cae.challenges}. */
    static final String CAE_METERS = "sandbox.arm";

    ArmCallers(TenantTokenVerifier verifier, ArmErrors errors, ContinuousAccessEvaluation cae) {
        this.callers = new ResourceCallers(verifier, AUDIENCES, errors, cae, CAE_METERS);
        this.errors = errors;
    }

    /** The {@code oid} of the user the token in {@code authorization} speaks for. */
    String callerOid(String authorization) {
        Caller caller = callers.authenticate(authorization);
        if (!caller.scopes().contains("user_impersonation") || caller.oid() == null) {
            throw errors.invalid("The access token is invalid: it does not grant the delegated permission 'user_impersonation'.");
        }
        return caller.oid();
    }
}
