package dev.obo.samples.minimal;

import java.util.Map;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

import dev.obo.onbehalf.OnBehalfOf;

/** {@code GET /me}: the caller's Microsoft Graph profile, with a Graph token got On-Behalf-Of the caller. */
@RestController
class ProfileController {

    private final RestClient graph;

    ProfileController(OnBehalfOf onBehalfOf) {
        this.graph = onBehalfOf.restClient("graph").build();
    }

    @GetMapping("/me")
    Map<String, Object> me() {
        return graph.get().uri("/v1.0/me").retrieve().body(new ParameterizedTypeReference<>() { });
    }
}
