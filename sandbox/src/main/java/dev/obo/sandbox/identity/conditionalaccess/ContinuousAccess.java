package dev.obo.sandbox.identity.conditionalaccess;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.springframework.stereotype.Component;

import dev.obo.sandbox.identity.claims.ClaimsRequest;
import dev.obo.sandbox.identity.error.EntraError;
import dev.obo.sandbox.identity.error.EntraException;
import dev.obo.sandbox.tenant.Accounts;
import dev.obo.sandbox.tenant.Accounts.Account;
import dev.obo.sandbox.tenant.SandboxSeed.User;

/**
 * The identity side of continuous access evaluation: after an admin revoked a user's sessions,
 * reset the password or disabled the account ({@link Accounts}), nothing from an earlier sign-in
 * gets a token. A grant (a code, a refresh token, an On-Behalf-Of assertion) whose sign-in is older
 * than the user's tokens-valid-from is AADSTS50173 ({@code invalid_grant}, {@code suberror:
 * bad_token}, worded as Entra answers a refresh after {@code revokeSignInSessions}); a disabled
 * account gets nothing at all, AADSTS50057.
 */
@Component
public class ContinuousAccess {

    // Entra's form: '2021-10-29T17:06:26.4084709Z'.
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final Accounts accounts;

    ContinuousAccess(Accounts accounts) {
        this.accounts = accounts;
    }

    /** Refuses a grant of {@code user} whose sign-in was at {@code signedIn}: AADSTS50057, AADSTS50173. */
    public void checkGrant(User user, Instant signedIn) {
        Account account = enabled(user);
        if (account.revokes(signedIn)) {
            throw new EntraException(EntraError.TOKENS_REVOKED, TIME.format(signedIn), TIME.format(account.tokensValidFrom()));
        }
    }

    /**
     * Refuses an On-Behalf-Of assertion of {@code user} issued at {@code issuedAt} as {@link #checkGrant}
     * does, with the claims challenge the client must sign in again with, so that a middle tier can pass it
     * on: {@code {"access_token":{"nbf":{"essential":true,"value":"<tokens valid from>"}}}}.
     * NOTE: what Entra answers here is not documented; the challenge is the sandbox's choice.
     */
    public void checkAssertion(User user, Instant issuedAt) {
        Account account = enabled(user);
        if (account.revokes(issuedAt)) {
            throw EntraException.withClaims(EntraError.TOKENS_REVOKED, ClaimsRequest.notBeforeChallenge(account.tokensValidFrom()),
                    TIME.format(issuedAt), TIME.format(account.tokensValidFrom()));
        }
    }

    /** Whether a sign-in session of {@code user} from {@code signedIn} can no longer sign them in silently. */
    public boolean sessionRevoked(User user, Instant signedIn) {
        return accounts.of(user).revokes(signedIn);
    }

    public boolean isDisabled(User user) {
        return !accounts.of(user).enabled();
    }

    private Account enabled(User user) {
        Account account = accounts.of(user);
        if (!account.enabled()) {
            throw new EntraException(EntraError.USER_DISABLED);
        }
        return account;
    }
}
