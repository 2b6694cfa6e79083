package dev.obo.sandbox.identity.jose;

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
class KeyRotationController {

    private static final Logger log = LoggerFactory.getLogger(KeyRotationController.class);

    private final SigningKeys keys;

    KeyRotationController(SigningKeys keys) {
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
