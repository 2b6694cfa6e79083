package dev.obo.sandbox.graph;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.obo.sandbox.tenant.Accounts;
import dev.obo.sandbox.tenant.Accounts.Account;
import dev.obo.sandbox.tenant.Directory;
import dev.obo.sandbox.tenant.SandboxSeed.User;

/**
 * The critical events of continuous access evaluation, as an admin causes them through Microsoft
 * Graph, at {@code /admin/users/{userPrincipalName}/...} (sandbox-only, like {@code /admin/keys/rotate}):
 * {@code revoke-sessions} ({@code revokeSignInSessions}), {@code disable} and {@code enable}
 * ({@code accountEnabled}; disabling revokes the sessions, as Entra does) and {@code reset-password}
 * (an optional body {@code {"password":"..."}}; the sessions are revoked either way). Each answers the
 * account, {@code {"userPrincipalName","accountEnabled","tokensValidFrom"}}; refusals are Graph's JSON.
 * NOTE: unauthenticated, like the rest of a local sandbox: never expose it beyond loopback.
 */
@RestController
@RequestMapping("/admin/users/{userPrincipalName}")
class UserAdminController {

    private static final Logger log = LoggerFactory.getLogger(UserAdminController.class);

    private final Directory directory;
    private final Accounts accounts;
    private final JsonMapper json;

    UserAdminController(Directory directory, Accounts accounts, JsonMapper json) {
        this.directory = directory;
        this.accounts = accounts;
        this.json = json;
    }

    @PostMapping("/revoke-sessions")
    Map<String, Object> revokeSessions(@PathVariable String userPrincipalName) {
        User user = user(userPrincipalName);
        return answer("user_sessions_revoked", user, accounts.revokeSessions(user));
    }

    @PostMapping("/disable")
    Map<String, Object> disable(@PathVariable String userPrincipalName) {
        User user = user(userPrincipalName);
        return answer("user_disabled", user, accounts.disable(user));
    }

    @PostMapping("/enable")
    Map<String, Object> enable(@PathVariable String userPrincipalName) {
        User user = user(userPrincipalName);
        return answer("user_enabled", user, accounts.enable(user));
    }

    @PostMapping("/reset-password")
    Map<String, Object> resetPassword(@PathVariable String userPrincipalName, @RequestBody(required = false) String body) {
        User user = user(userPrincipalName);
        return answer("user_password_reset", user, accounts.resetPassword(user, newPassword(body)));
    }

    private User user(String userPrincipalName) {
        return directory.userByName(userPrincipalName).orElseThrow(() -> new GraphException(HttpStatus.NOT_FOUND,
                "Request_ResourceNotFound", "Resource '" + userPrincipalName
                        + "' does not exist or one of its queried reference-property objects are not present."));
    }

    // The new password, or null to keep it: the demo users must be able to sign in again with theirs.
    private String newPassword(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (RuntimeException e) {
            root = null;
        }
        if (root == null || !root.isObject()) {
            throw new GraphException(HttpStatus.BAD_REQUEST, "BadRequest",
                    "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.");
        }
        JsonNode password = root.path("password");
        if (password.isMissingNode() || password.isNull()) {
            return null;
        }
        if (!password.isString() || password.stringValue().isEmpty()) {
            throw new GraphException(HttpStatus.BAD_REQUEST, "Request_BadRequest",
                    "Invalid value specified for property 'password': a non-empty string, or none to keep the password.");
        }
        return password.stringValue();
    }

    private static Map<String, Object> answer(String event, User user, Account account) {
        log.info("event={} user={} tokens_valid_from={} account_enabled={}", event, user.oid(), account.tokensValidFrom(),
                account.enabled());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("userPrincipalName", user.username());
        answer.put("accountEnabled", account.enabled());
        answer.put("tokensValidFrom", account.tokensValidFrom().toString());
        return answer;
    }
}
