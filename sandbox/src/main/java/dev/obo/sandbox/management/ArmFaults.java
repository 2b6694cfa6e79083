package dev.obo.sandbox.management;

import org.springframework.stereotype.Component;

import dev.obo.sandbox.resource.FaultPlan;
import dev.obo.sandbox.resource.Faults;

/**
 * Faults injected into the ARM stand-in, off unless asked for: at start-up by the
 * {@code sandbox.management.*} settings, at run time through {@link ManagementAdminController}.
 */
@Component
class ArmFaults extends Faults {

    ArmFaults(ManagementProperties properties) {
        super(new FaultPlan(properties.latency(), properties.failStatus(), properties.failCount(), properties.retryAfter()));
    }
}
