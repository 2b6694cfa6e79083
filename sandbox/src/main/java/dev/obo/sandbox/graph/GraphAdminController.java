package dev.obo.sandbox.graph;

import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.obo.sandbox.resource.FaultsAdminController;

/** Fault injection for the Graph stand-in at run time: {@code /admin/graph/faults}. */
@RestController
@RequestMapping("/admin/graph/faults")
class GraphAdminController extends FaultsAdminController {

    GraphAdminController(GraphFaults faults) {
        super(faults, "graph");
    }
}
