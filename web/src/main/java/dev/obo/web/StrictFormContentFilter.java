package dev.obo.web;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.servlet.filter.OrderedFormContentFilter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.stereotype.Component;

/**
 * Spring Boot's form content filter (the form body of a PUT, PATCH or DELETE read as request
 * parameters), except that a body which cannot be decoded, such as {@code a=%ZZ}, is the
 * client's error: 400 and the error page, logged as one WARN line, not a 500 with a stack
 * trace. Boot backs off its own filter when this bean exists.
 */
@Component
class StrictFormContentFilter extends OrderedFormContentFilter {

    private static final Logger log = LoggerFactory.getLogger(StrictFormContentFilter.class);

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        AtomicBoolean parsed = new AtomicBoolean();
        try {
            super.doFilterInternal(request, response, (req, res) -> {
                parsed.set(true);
                chain.doFilter(req, res);
            });
        } catch (HttpMessageNotReadableException e) {
            // Only a failure of this filter's own parsing is the client's: one from further down is not ours to answer.
            if (parsed.get() || response.isCommitted()) {
                throw e;
            }
            log.warn("event=request_refused status=400 reason=undecodable_form_body method={}", request.getMethod());
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "The form body could not be decoded");
        }
    }
}
