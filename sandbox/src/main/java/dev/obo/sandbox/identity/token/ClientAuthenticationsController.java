package dev.obo.sandbox.identity.token;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /admin/client-authentications}: what {@link ClientAuthentications} kept, newest first.
 * NOTE: unauthenticated, like the rest of a local sandbox: never expose it beyond loopback.
 */
@RestController
class ClientAuthenticationsController {

    private final ClientAuthentications authentications;

    ClientAuthenticationsController(ClientAuthentications authentications) {
        this.authentications = authentications;
    }

    @GetMapping("/admin/client-authentications")
    List<ClientAuthentications.Seen> list() {
        return authentications.newestFirst();
    }
}
