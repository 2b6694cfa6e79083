package dev.obo.sandbox.management;

import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.obo.sandbox.resource.FaultsAdminController;

/** Fault injection for the ARM stand-in at run time: {@code /admin/management/faults}. */
@RestController
@RequestMapping("/admin/management/faults")
class ManagementAdminController extends FaultsAdminController {

    ManagementAdminController(ArmFaults faults) {
        super(faults, "arm");
    }
}
