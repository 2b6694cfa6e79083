package dev.obo.sandbox.kubernetes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A cluster's service account issuer discovery, as the Kubernetes API server serves it
 * (KEP-1393): {@code {issuer}/.well-known/openid-configuration} and the key set at
 * {@code {issuer}/openid/v1/jwks}. Any cluster name works; its key is made on first use.
 */
@RestController
class ServiceAccountIssuerController {

    private final ServiceAccountIssuers issuers;

    ServiceAccountIssuerController(ServiceAccountIssuers issuers) {
        this.issuers = issuers;
    }

    @GetMapping(ServiceAccountIssuers.PATH + "{cluster}/.well-known/openid-configuration")
    Map<String, Object> configuration(@PathVariable String cluster) {
        String issuer = issuers.issuer(ClusterNames.checked(cluster));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("issuer", issuer);
        doc.put("jwks_uri", issuer + "/openid/v1/jwks");
        doc.put("response_types_supported", List.of("id_token"));
        doc.put("subject_types_supported", List.of("public"));
        doc.put("id_token_signing_alg_values_supported", List.of("RS256"));
        return doc;
    }

    @GetMapping(ServiceAccountIssuers.PATH + "{cluster}/openid/v1/jwks")
    ResponseEntity<Map<String, Object>> keys(@PathVariable String cluster) {
        return ResponseEntity.ok().cacheControl(CacheControl.noCache())
                .body(issuers.published(ClusterNames.checked(cluster)).toJSONObject(true));
    }
}
