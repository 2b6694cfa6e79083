package dev.obo.web.session;

import java.io.IOException;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import dev.obo.web.InstanceName;

/**
 * With the sessions in Redis: a request that needs its session while Redis is down or slower than
 * its timeout gets a page that says sign-in is unavailable for a moment (503, {@code Retry-After}),
 * never a 500 nor Tomcat's page. It sits right after Spring Session's filter and reads the session
 * first, before anything else of the request runs (Spring Security would answer a failure to read
 * it with a 500 of its own); the session read is then kept for the request. A failure later in the
 * request, while the session is written, gets the same page if nothing has been sent yet. The page
 * renders without a session. Nothing is lost: the session is in Redis, and the next request once
 * Redis is back finds the user signed in.
 */
final class SessionStoreUnavailableFilter extends OncePerRequestFilter {

    static final String TEMPLATE = "session-store-unavailable";
    private static final Logger log = LoggerFactory.getLogger(SessionStoreUnavailableFilter.class);

    private final ITemplateEngine templates;
    private final InstanceName instance;

    SessionStoreUnavailableFilter(ITemplateEngine templates, InstanceName instance) {
        this.templates = templates;
        this.instance = instance;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            request.getSession(false);
        } catch (DataAccessException redis) {
            unavailable(request, response, redis);
            return;
        }
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException e) {
            DataAccessException redis = redisFailure(e);
            if (redis == null || response.isCommitted()) {
                throw e;
            }
            response.reset();
            unavailable(request, response, redis);
        }
    }

    /** Also while an error page is shown: it reads the session too (the header says who is signed in). */
    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    private void unavailable(HttpServletRequest request, HttpServletResponse response, DataAccessException redis) throws IOException {
        // The servlet path, not the request URI: that keeps path parameters (";jsessionid=...") as sent.
        log.warn("event=session_store_unavailable path={} error={}", request.getServletPath(), redis.getClass().getSimpleName());
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader(HttpHeaders.RETRY_AFTER, "5");
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setContentType(MediaType.TEXT_HTML_VALUE + ";charset=UTF-8");
        Context page = new Context(Locale.ENGLISH);
        page.setVariable("instance", instance.value());
        templates.process(TEMPLATE, page, response.getWriter());
        response.flushBuffer();
    }

    private static DataAccessException redisFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof DataAccessException redis) {
                return redis;
            }
        }
        return null;
    }
}
