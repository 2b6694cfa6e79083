package dev.obo.web.security;

import java.util.function.Supplier;

import jakarta.servlet.http.HttpSession;

/**
 * Who may use a session's refresh token now, across the instances that share the session: the
 * holder of the lease runs its authorization, the session's requests on other instances wait for
 * it, and each first sees what the others saved of the session's tokens. With the sessions in
 * memory there are no other instances: {@link #THIS_INSTANCE} just runs it.
 */
public interface SessionRefreshLease {

    SessionRefreshLease THIS_INSTANCE = new SessionRefreshLease() {
        @Override
        public <T> T hold(HttpSession session, String registrationId, Supplier<T> authorization) {
            return authorization.get();
        }
    };

    /** Runs {@code authorization} (which may refresh the tokens of {@code registrationId}) holding the lease of {@code session}. */
    <T> T hold(HttpSession session, String registrationId, Supplier<T> authorization);
}
