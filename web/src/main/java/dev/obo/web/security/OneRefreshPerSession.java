package dev.obo.web.security;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * One authorization, and so at most one refresh, at a time per session: the session's other
 * requests wait for it and then use the token it obtained rather than refreshing again. The
 * identity provider rotates refresh tokens and takes a second use of one for theft, revoking
 * the whole family (RFC 9700 section 4.14.2), which would sign the user out.
 * <p>
 * A token obtained while a request waited is as fresh as that request can need, whatever the
 * refresh skew says (a skew longer than the token's life makes every token look due).
 * With the sessions in Redis the same holds across instances: under this instance's lock, the
 * {@link SessionRefreshLease} makes the session's requests on other instances wait too, and brings
 * this request's copy of the session up to date with the tokens another instance obtained.
 * NOTE: the locks are weakly held: one lives while a request holds it or waits for it, so the
 * cache keeps nothing for sessions that are not being served.
 */
final class OneRefreshPerSession implements OAuth2AuthorizedClientManager {

    private final OAuth2AuthorizedClientManager delegate;
    private final OAuth2AuthorizedClientRepository authorizedClients;
    private final SessionRefreshLease lease;
    private final Duration refreshSkew;
    private final Cache<String, ReentrantLock> locks = Caffeine.newBuilder().weakValues().build();

    OneRefreshPerSession(OAuth2AuthorizedClientManager delegate, OAuth2AuthorizedClientRepository authorizedClients,
                         SessionRefreshLease lease, Duration refreshSkew) {
        this.delegate = delegate;
        this.authorizedClients = authorizedClients;
        this.lease = lease;
        this.refreshSkew = refreshSkew;
    }

    @Override
    public OAuth2AuthorizedClient authorize(OAuth2AuthorizeRequest request) {
        HttpServletRequest servletRequest = servletRequest(request);
        HttpSession session = servletRequest == null ? null : servletRequest.getSession(false);
        if (session == null) {
            return delegate.authorize(request);
        }
        OAuth2AuthorizedClient loaded = authorizedClients.loadAuthorizedClient(request.getClientRegistrationId(), request.getPrincipal(),
                servletRequest);
        if (fresh(loaded)) {
            // Nothing to refresh: no lock here, no lease in Redis, on the common path. Answered here, not by the delegate,
            // which would load it again and, at the edge of the skew, could decide to refresh outside the lock and lease.
            return loaded;
        }
        Instant waitingSince = Instant.now();
        ReentrantLock lock = locks.get(session.getId() + " " + request.getClientRegistrationId(), key -> new ReentrantLock());
        lock.lock();
        try {
            return lease.hold(session, request.getClientRegistrationId(), () -> {
                OAuth2AuthorizedClient current = authorizedClients.loadAuthorizedClient(request.getClientRegistrationId(),
                        request.getPrincipal(), servletRequest);
                return obtainedSince(current, waitingSince) ? current : delegate.authorize(request);
            });
        } finally {
            lock.unlock();
        }
    }

    private boolean fresh(OAuth2AuthorizedClient client) {
        Instant expiresAt = client == null ? null : client.getAccessToken().getExpiresAt();
        return expiresAt != null && Instant.now().plus(refreshSkew).isBefore(expiresAt);
    }

    private static boolean obtainedSince(OAuth2AuthorizedClient client, Instant instant) {
        Instant issuedAt = client == null ? null : client.getAccessToken().getIssuedAt();
        return issuedAt != null && issuedAt.isAfter(instant);
    }

    private static HttpServletRequest servletRequest(OAuth2AuthorizeRequest request) {
        HttpServletRequest servletRequest = request.getAttribute(HttpServletRequest.class.getName());
        if (servletRequest == null && RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            servletRequest = attributes.getRequest();
        }
        return servletRequest;
    }
}
