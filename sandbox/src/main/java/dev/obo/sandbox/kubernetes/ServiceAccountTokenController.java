package dev.obo.sandbox.kubernetes;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.obo.sandbox.tenant.SandboxSeed.FederatedIdentityCredential;

/**
 * Mints a service account token, as the kubelet asks the API server's TokenRequest for a projected
 * volume: {@code POST /admin/kubernetes/{cluster}/service-account-tokens} with
 * {@code {"namespace","serviceAccount","audience","expiresInSeconds"}} answers 201 and the shape of
 * TokenRequest's {@code status}, {@code {"token","expirationTimestamp"}}. A refusal is a Kubernetes
 * {@code Status}. NOTE: unauthenticated, like the rest of a local sandbox: never expose it beyond loopback.
 */
@RestController
class ServiceAccountTokenController {

    private static final Logger log = LoggerFactory.getLogger(ServiceAccountTokenController.class);
    private static final long DEFAULT_EXPIRES_IN_SECONDS = 3600;

    private final ServiceAccountIssuers issuers;

    ServiceAccountTokenController(ServiceAccountIssuers issuers) {
        this.issuers = issuers;
    }

    @PostMapping("/admin" + ServiceAccountIssuers.PATH + "{cluster}/service-account-tokens")
    ResponseEntity<Map<String, Object>> mint(@PathVariable String cluster, @RequestBody TokenRequestSpec spec) {
        ClusterNames.checked(cluster);
        if (blank(spec.namespace()) || blank(spec.serviceAccount())) {
            return ResponseEntity.badRequest().body(status("namespace and serviceAccount are required"));
        }
        String audience = blank(spec.audience()) ? FederatedIdentityCredential.TOKEN_EXCHANGE_AUDIENCE : spec.audience();
        long seconds = spec.expiresInSeconds() == null ? DEFAULT_EXPIRES_IN_SECONDS : spec.expiresInSeconds();
        ServiceAccountIssuers.Minted minted = issuers.mint(cluster, spec.namespace(), spec.serviceAccount(), audience,
                Duration.ofSeconds(seconds));
        log.info("event=service_account_token_minted cluster={} namespace={} service_account={} audience={} expires={}",
                cluster, spec.namespace(), spec.serviceAccount(), audience, minted.expirationTimestamp());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token", minted.token());
        body.put("expirationTimestamp", minted.expirationTimestamp().toString());
        return ResponseEntity.status(HttpStatus.CREATED).body(body);
    }

    private static Map<String, Object> status(String message) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("kind", "Status");
        status.put("apiVersion", "v1");
        status.put("status", "Failure");
        status.put("message", message);
        status.put("reason", "BadRequest");
        status.put("code", 400);
        return status;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** TokenRequest's spec, in the sandbox's short form. */
    record TokenRequestSpec(String namespace, String serviceAccount, String audience, Long expiresInSeconds) {}
}
