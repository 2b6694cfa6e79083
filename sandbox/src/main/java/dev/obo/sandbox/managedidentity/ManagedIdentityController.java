package dev.obo.sandbox.managedidentity;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.obo.sandbox.tenant.SandboxSeed.ManagedIdentity;

/**
 * The managed identity endpoint, in the two shapes Azure SDKs call: the VM's Instance Metadata
 * Service ({@code GET /metadata/identity/oauth2/token?api-version=2018-02-01&resource=..}, header
 * {@code Metadata: true}) and App Service's ({@code GET /msi/token?api-version=2019-08-01&resource=..},
 * header {@code X-IDENTITY-HEADER} with the secret of {@code IDENTITY_HEADER}). Both answer IMDS's
 * token JSON, every value a string. Counts each request in {@code sandbox.managed-identity.token.requests}.
 */
@RestController
class ManagedIdentityController {

    static final String IMDS_PATH = "/metadata/identity/oauth2/token";
    static final String APP_SERVICE_PATH = "/msi/token";
    private static final Logger log = LoggerFactory.getLogger(ManagedIdentityController.class);

    private final ManagedIdentityTokens tokens;
    private final ManagedIdentityFaults faults;
    private final ManagedIdentityProperties properties;
    private final MeterRegistry meters;
    private final Clock clock;

    ManagedIdentityController(ManagedIdentityTokens tokens, ManagedIdentityFaults faults, ManagedIdentityProperties properties,
                              MeterRegistry meters, Clock clock) {
        this.tokens = tokens;
        this.faults = faults;
        this.properties = properties;
        this.meters = meters;
        this.clock = clock;
    }

    @GetMapping(IMDS_PATH)
    ResponseEntity<Map<String, String>> imds(@RequestHeader(name = "Metadata", required = false) String metadata,
                                             @RequestParam(name = "api-version", required = false) String apiVersion,
                                             @RequestParam(required = false) String resource,
                                             @RequestParam(name = "client_id", required = false) String clientId,
                                             @RequestParam(name = "object_id", required = false) String objectId,
                                             @RequestParam(name = "principal_id", required = false) String principalId,
                                             @RequestParam(name = "mi_res_id", required = false) String resourceId) {
        return counted("imds", () -> {
            if (!"true".equalsIgnoreCase(metadata)) {
                throw ImdsException.invalidRequest("Required metadata header not specified");
            }
            return answer(apiVersion, resource, new ManagedIdentityTokens.IdentitySelector(clientId,
                    objectId != null ? objectId : principalId, resourceId));
        });
    }

    @GetMapping(APP_SERVICE_PATH)
    ResponseEntity<Map<String, String>> appService(@RequestHeader(name = "X-IDENTITY-HEADER", required = false) String header,
                                                   @RequestParam(name = "api-version", required = false) String apiVersion,
                                                   @RequestParam(required = false) String resource,
                                                   @RequestParam(name = "client_id", required = false) String clientId,
                                                   @RequestParam(name = "principal_id", required = false) String principalId,
                                                   @RequestParam(name = "mi_res_id", required = false) String resourceId) {
        return counted("app-service", () -> {
            if (header == null || header.isBlank()) {
                throw ImdsException.invalidRequest("The X-IDENTITY-HEADER header is missing.");
            }
            if (!MessageDigest.isEqual(header.getBytes(StandardCharsets.UTF_8), properties.headerSecret().getBytes(StandardCharsets.UTF_8))) {
                throw new ImdsException(HttpStatus.UNAUTHORIZED, "invalid_request", "The X-IDENTITY-HEADER header is not the identity header secret.");
            }
            return answer(apiVersion, resource, new ManagedIdentityTokens.IdentitySelector(clientId, principalId, resourceId));
        });
    }

    private ResponseEntity<Map<String, String>> answer(String apiVersion, String resource, ManagedIdentityTokens.IdentitySelector selector) {
        if (apiVersion == null || apiVersion.isBlank()) {
            throw ImdsException.invalidRequest("Required query variable 'api-version' is missing");
        }
        if (resource == null || resource.isBlank()) {
            throw ImdsException.invalidRequest("Required audience parameter not specified");
        }
        faults.inject();
        ManagedIdentity identity = tokens.identity(selector);
        ManagedIdentityTokens.Issued issued = tokens.token(identity, resource);
        long expiresIn = Duration.between(clock.instant(), issued.expiresOn()).toSeconds();
        Map<String, String> body = new LinkedHashMap<>();
        body.put("access_token", issued.token());
        body.put("client_id", identity.clientId());
        body.put("expires_in", String.valueOf(expiresIn));
        body.put("expires_on", String.valueOf(issued.expiresOn().getEpochSecond()));
        body.put("ext_expires_in", String.valueOf(expiresIn));
        body.put("not_before", String.valueOf(issued.notBefore().getEpochSecond()));
        body.put("resource", resource);
        body.put("token_type", "Bearer");
        log.info("event=managed_identity_token_issued identity={} client={} resource={}", identity.name(), identity.clientId(), resource);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
    }

    private ResponseEntity<Map<String, String>> counted(String endpoint, java.util.function.Supplier<ResponseEntity<Map<String, String>>> call) {
        try {
            ResponseEntity<Map<String, String>> response = call.get();
            count(endpoint, "issued");
            return response;
        } catch (ImdsException e) {
            count(endpoint, String.valueOf(e.status().value()));
            throw e;
        }
    }

    private void count(String endpoint, String outcome) {
        meters.counter("sandbox.managed-identity.token.requests", "endpoint", endpoint, "outcome", outcome).increment();
    }
}
