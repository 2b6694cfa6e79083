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
 * never a 500 nor Tomcat's page. It sits before Spring Session's filter, so it sees what reading or
 * writing the session threw, and it renders without a session. Nothing is lost: the session is in
 * Redis, and the next request once Redis is back finds the user signed in.
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
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException e) {
            DataAccessException redis = redisFailure(e);
            if (redis == null || response.isCommitted()) {
                throw e;
            }
            log.warn("event=session_store_unavailable path={} error={}", request.getRequestURI(), redis.getClass().getSimpleName());
            response.reset();
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            response.setHeader(HttpHeaders.RETRY_AFTER, "5");
            response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
            response.setContentType(MediaType.TEXT_HTML_VALUE + ";charset=UTF-8");
            Context page = new Context(Locale.ENGLISH);
            page.setVariable("instance", instance.value());
            templates.process(TEMPLATE, page, response.getWriter());
        }
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
