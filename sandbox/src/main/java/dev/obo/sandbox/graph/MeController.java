package dev.obo.sandbox.graph;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import dev.obo.sandbox.resource.Caller;
import dev.obo.sandbox.tenant.Directory;
import dev.obo.sandbox.tenant.SandboxSeed.User;

/**
 * Microsoft Graph's {@code GET /v1.0/me}: the signed-in user's profile, by the token's
 * {@code oid}, in Graph's shape (a {@code microsoft.graph.user} with its default properties).
 * It needs a delegated token with a permission that reads the user's own profile.
 */
@RestController
class MeController {

    /** The delegated permissions that let Graph answer {@code /me}, the least of them first. */
    static final Set<String> READS_ME = Set.of("User.Read", "User.ReadWrite", "User.ReadBasic.All", "User.Read.All",
            "User.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All");
    private static final MediaType ODATA_JSON = MediaType.parseMediaType(
            "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8");

    private final GraphCallers callers;
    private final GraphErrors errors;
    private final GraphFaults faults;
    private final Directory directory;

    MeController(GraphCallers callers, GraphErrors errors, GraphFaults faults, Directory directory) {
        this.callers = callers;
        this.errors = errors;
        this.faults = faults;
        this.directory = directory;
    }

    @GetMapping("/v1.0/me")
    ResponseEntity<Map<String, Object>> me(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        Caller caller = callers.authenticate(authorization);
        if (caller.appOnly()) {
            throw new GraphException(HttpStatus.BAD_REQUEST, "BadRequest", "/me request is only valid with delegated authentication flow.");
        }
        if (Collections.disjoint(caller.scopes(), READS_ME)) {
            throw new GraphException(HttpStatus.FORBIDDEN, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
        }
        faults.inject(errors);
        User user = directory.userByOid(caller.oid()).orElseThrow(() -> new GraphException(HttpStatus.NOT_FOUND,
                "Request_ResourceNotFound", "Resource '" + caller.oid()
                        + "' does not exist or one of its queried reference-property objects are not present."));
        return ResponseEntity.ok().contentType(ODATA_JSON).body(profile(user));
    }

    // Graph's default properties of a user, in the order Graph sends them; unset ones are null, as in Graph.
    private static Map<String, Object> profile(User user) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("@odata.context", ServletUriComponentsBuilder.fromCurrentContextPath().path("/v1.0/$metadata").build().toUriString()
                + "#users/$entity");
        json.put("businessPhones", List.of());
        json.put("displayName", user.displayName());
        json.put("givenName", user.givenName());
        json.put("jobTitle", user.jobTitle());
        json.put("mail", user.mail());
        json.put("mobilePhone", null);
        json.put("officeLocation", user.officeLocation());
        json.put("preferredLanguage", null);
        json.put("surname", user.surname());
        json.put("userPrincipalName", user.username());
        json.put("id", user.oid());
        return json;
    }
}
