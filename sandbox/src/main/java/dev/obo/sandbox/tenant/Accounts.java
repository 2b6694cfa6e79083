package dev.obo.sandbox.tenant;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

import org.springframework.stereotype.Component;

import dev.obo.sandbox.tenant.SandboxSeed.User;

/**
 * The users' accounts as an admin changes them at run time, beside the seed's records, which never
 * change: whether an account is enabled (Graph's {@code accountEnabled}), the time before which its
 * tokens and sessions are not valid (Entra's "TokensValidFrom", Graph's
 * {@code signInSessionsValidFromDateTime}), and a password set by a reset. Entra moves that time
 * to now when an admin revokes the sessions ({@code revokeSignInSessions}), disables the account or
 * resets the password. Kept in memory by object id, like the keys, so a restart forgets it; each
 * change is one atomic step on one user, whatever requests run at the same time.
 */
@Component
public class Accounts {

    // Never revoked: valid from the epoch, so that no clock a test moves back makes a token look revoked.
    private static final Account INITIAL = new Account(true, Instant.EPOCH, null);

    private final Clock clock;
    private final Map<String, Account> accounts = new ConcurrentHashMap<>();

    Accounts(Clock clock) {
        this.clock = clock;
    }

    /** The account of {@code user} as it stands. */
    public Account of(User user) {
        return accounts.getOrDefault(user.oid(), INITIAL);
    }

    /** Revokes every session and refresh token of {@code user}: tokens are valid from now on. */
    public Account revokeSessions(User user) {
        return change(user, a -> new Account(a.enabled(), now(), a.password()));
    }

    /** Disables the account, which revokes its sessions too. */
    public Account disable(User user) {
        return change(user, a -> new Account(false, now(), a.password()));
    }

    /** Enables the account; its tokens stay revoked as they were. */
    public Account enable(User user) {
        return change(user, a -> new Account(true, a.tokensValidFrom(), a.password()));
    }

    /** Resets the password to {@code password} (null: keeps it), which revokes the sessions. */
    public Account resetPassword(User user, String password) {
        return change(user, a -> new Account(a.enabled(), now(), password != null ? password : a.password()));
    }

    private Account change(User user, UnaryOperator<Account> change) {
        return accounts.compute(user.oid(), (oid, account) -> change.apply(account == null ? INITIAL : account));
    }

    // To the second, as the iat of a token it is compared with.
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    /**
     * One account: enabled or not, the time (to the second) before which its tokens are not valid (the
     * epoch while nothing revoked them), and the password a reset set (null: the seed's).
     */
    public record Account(boolean enabled, Instant tokensValidFrom, String password) {

        /** Whether what was issued, or signed in, at {@code issuedAt} is revoked: in a second before {@link #tokensValidFrom}. */
        public boolean revokes(Instant issuedAt) {
            return issuedAt.getEpochSecond() < tokensValidFrom.getEpochSecond();
        }

        @Override
        public String toString() {
            return "Account[enabled=" + enabled + ", tokensValidFrom=" + tokensValidFrom + "]";
        }
    }
}
