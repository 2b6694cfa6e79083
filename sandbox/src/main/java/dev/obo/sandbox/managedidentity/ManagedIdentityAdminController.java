package dev.obo.sandbox.managedidentity;

import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.obo.sandbox.resource.FaultsAdminController;

/** Fault injection for the managed identity endpoint at run time: {@code /admin/managed-identity/faults}. */
@RestController
@RequestMapping("/admin/managed-identity/faults")
class ManagedIdentityAdminController extends FaultsAdminController {

    ManagedIdentityAdminController(ManagedIdentityFaults faults) {
        super(faults, "managed-identity");
    }
}
