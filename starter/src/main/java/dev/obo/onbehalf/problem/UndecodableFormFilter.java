package dev.obo.onbehalf.problem;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.servlet.filter.OrderedFormContentFilter;
import org.springframework.http.converter.HttpMessageNotReadableException;

/**
 * Spring Boot's form-body parsing for PUT, PATCH and DELETE, in its place and order, with one
 * difference: a body that cannot be decoded ({@code a=%ZZ}) is the client's fault, answered 400
 * ({@code sendError}, so in the API's problem format) and logged once at WARN, not an unhandled
 * exception that becomes a 500 with a logged stack trace.
 */
final class UndecodableFormFilter extends OrderedFormContentFilter {

    private static final Logger log = LoggerFactory.getLogger(UndecodableFormFilter.class);

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean[] parsed = {false};
        try {
            super.doFilterInternal(request, response, (req, res) -> {
                parsed[0] = true;
                chain.doFilter(req, res);
            });
        } catch (HttpMessageNotReadableException e) {
            if (parsed[0]) {
                throw e; // raised further down the chain: not ours to answer
            }
            log.warn("event=request_refused status=400 reason=undecodable_form_body method={} path={}", request.getMethod(),
                    request.getRequestURI());
            response.sendError(HttpServletResponse.SC_BAD_REQUEST);
        }
    }
}
