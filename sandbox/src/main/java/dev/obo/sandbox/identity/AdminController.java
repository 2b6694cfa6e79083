package dev.obo.sandbox.identity;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sandbox's own controls, for tests and demos; not part of Entra's surface.
 * NOTE: unauthenticated, like the rest of a local sandbox: never expose it beyond loopback.
 */
@RestController
class AdminController {

    private static final Logger log = LoggerFactory.getLogger(AdminController.class);

    private final SigningKeys keys;

    AdminController(SigningKeys keys) {
        this.keys = keys;
    }

    /** Rolls the signing keys over; answers the {@code kid} that now signs. */
    @PostMapping("/admin/keys/rotate")
    Map<String, String> rotate() {
        String kid = keys.rotate().getKeyID();
        log.info("event=signing_key_rotated kid={}", kid);
        return Map.of("kid", kid);
    }
}
