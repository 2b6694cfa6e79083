package dev.obo.sandbox.management;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import dev.obo.sandbox.Guids;
import dev.obo.sandbox.tenant.Directory;
import dev.obo.sandbox.tenant.SandboxSeed.Subscription;
import dev.obo.sandbox.tenant.SandboxSeed.User;

/**
 * The ARM stand-in's subscriptions: {@code GET /subscriptions} (paged with
 * {@code nextLink}) and {@code GET /subscriptions/{subscriptionId}}, in ARM's JSON shapes,
 * answering only with the calling user's subscriptions.
 */
@RestController
class SubscriptionsController {

    private static final Pattern API_VERSION = Pattern.compile("\\d{4}-\\d{2}-\\d{2}(-preview)?");

    private final ArmCallers callers;
    private final ArmErrors errors;
    private final ArmFaults faults;
    private final Directory directory;
    private final ManagementProperties properties;

    SubscriptionsController(ArmCallers callers, ArmErrors errors, ArmFaults faults, Directory directory,
                            ManagementProperties properties) {
        this.callers = callers;
        this.errors = errors;
        this.faults = faults;
        this.directory = directory;
        this.properties = properties;
    }

    @GetMapping("/subscriptions")
    Map<String, Object> list(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                             @RequestParam(name = "api-version", required = false) String apiVersion,
                             @RequestParam(name = "$skiptoken", required = false) String skipToken) {
        List<Subscription> all = caller(authorization, apiVersion);
        int from = offset(skipToken, all.size());
        int to = Math.min(all.size(), from + properties.pageSize());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("value", all.subList(from, to).stream().map(this::json).toList());
        if (to < all.size()) {
            body.put("nextLink", ServletUriComponentsBuilder.fromCurrentContextPath().path("/subscriptions")
                    .queryParam("api-version", apiVersion).queryParam("%24skiptoken", skipToken(to)).build().toUriString());
        }
        body.put("count", Map.of("type", "Total", "value", all.size()));
        return body;
    }

    @GetMapping("/subscriptions/{subscriptionId}")
    Map<String, Object> one(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                            @RequestParam(name = "api-version", required = false) String apiVersion,
                            @PathVariable String subscriptionId) {
        List<Subscription> subscriptions = caller(authorization, apiVersion);
        if (!Guids.isGuid(subscriptionId)) {
            throw new ArmException(HttpStatus.BAD_REQUEST, "InvalidSubscriptionId",
                    "The provided subscription identifier '" + subscriptionId + "' is malformed or invalid.");
        }
        return subscriptions.stream().filter(s -> s.subscriptionId().equalsIgnoreCase(subscriptionId)).findFirst()
                .map(this::json)
                .orElseThrow(() -> new ArmException(HttpStatus.NOT_FOUND, "SubscriptionNotFound",
                        "The subscription '" + subscriptionId + "' could not be found."));
    }

    /** The subscriptions of the calling user. */
    private List<Subscription> caller(String authorization, String apiVersion) {
        String oid = callers.callerOid(authorization);
        if (apiVersion == null || apiVersion.isBlank()) {
            throw new ArmException(HttpStatus.BAD_REQUEST, "MissingApiVersionParameter",
                    "The api-version query parameter (?api-version=) is required for all requests.");
        }
        if (!API_VERSION.matcher(apiVersion).matches()) {
            throw new ArmException(HttpStatus.BAD_REQUEST, "InvalidApiVersionParameter",
                    "The api-version '" + apiVersion + "' is invalid. The supported versions look like '2022-12-01'.");
        }
        faults.inject(errors);
        // A user the directory no longer has reads no subscriptions, as ARM answers an empty list.
        return directory.userByOid(oid).map(User::subscriptions).orElse(List.of());
    }

    private int offset(String skipToken, int size) {
        if (skipToken == null) {
            return 0;
        }
        try {
            int offset = Integer.parseInt(new String(Base64.getUrlDecoder().decode(skipToken), StandardCharsets.UTF_8).replace("offset:", ""));
            if (offset < 0 || offset > size) {
                throw new IllegalArgumentException();
            }
            return offset;
        } catch (IllegalArgumentException e) {
            throw new ArmException(HttpStatus.BAD_REQUEST, "InvalidSkipToken", "The skip token '" + skipToken + "' is invalid.");
        }
    }

    private static String skipToken(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("offset:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    private Map<String, Object> json(Subscription s) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", "/subscriptions/" + s.subscriptionId());
        json.put("authorizationSource", "RoleBased");
        json.put("managedByTenants", List.of());
        json.put("subscriptionId", s.subscriptionId());
        json.put("tenantId", directory.tenant().id());
        json.put("displayName", s.displayName());
        json.put("state", s.state() == null ? "Enabled" : s.state());
        Map<String, Object> policies = new LinkedHashMap<>();
        policies.put("locationPlacementId", s.locationPlacementId());
        policies.put("quotaId", s.quotaId());
        policies.put("spendingLimit", s.spendingLimit());
        json.put("subscriptionPolicies", policies);
        return json;
    }
}
