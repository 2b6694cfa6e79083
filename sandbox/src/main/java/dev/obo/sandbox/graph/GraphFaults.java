package dev.obo.sandbox.graph;

import org.springframework.stereotype.Component;

import dev.obo.sandbox.resource.FaultPlan;
import dev.obo.sandbox.resource.Faults;

/** Faults injected into the Graph stand-in, off unless asked for at run time through {@link GraphAdminController}. */
@Component
class GraphFaults extends Faults {

    GraphFaults() {
        super(FaultPlan.none());
    }
}
