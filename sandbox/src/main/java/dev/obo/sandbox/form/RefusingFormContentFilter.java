package dev.obo.sandbox.form;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.servlet.filter.OrderedFormContentFilter;
import org.springframework.boot.servlet.filter.OrderedFilter;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;

/**
 * Spring's {@link org.springframework.web.filter.FormContentFilter} (the form body of PUT,
 * PATCH and DELETE as request parameters), except that a body which does not decode
 * ({@code a=%ZZ}) is answered 400 by the {@link MalformedRequestAnswer} of the part of the
 * sandbox it was sent to, and logged once at WARN, instead of escaping to the container as a 500.
 */
final class RefusingFormContentFilter extends OrderedFormContentFilter {

    private static final Logger log = LoggerFactory.getLogger(RefusingFormContentFilter.class);
    static final String REASON = "The request body is not valid application/x-www-form-urlencoded content.";

    private final List<MalformedRequestAnswer> answers;
    private final JsonMapper json;

    RefusingFormContentFilter(List<MalformedRequestAnswer> answers, JsonMapper json) {
        this.answers = answers;
        this.json = json;
        // Just after Boot's request context filter (REQUEST_WRAPPER_FILTER_MAX_ORDER - 105): the
        // answers build URLs (error_uri) from the current request.
        setOrder(OrderedFilter.REQUEST_WRAPPER_FILTER_MAX_ORDER - 104);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Downstream downstream = new Downstream(chain);
        try {
            super.doFilterInternal(request, response, downstream);
        } catch (HttpMessageNotReadableException e) {
            if (downstream.reached) {
                throw e;
            }
            refuse(request, response);
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
        log.warn("event=request_unreadable method={} path={} reason=\"form body does not decode\"", request.getMethod(),
                request.getRequestURI());
        ResponseEntity<Map<String, Object>> answer = answers.stream().filter(a -> a.answers(request)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no part of the sandbox answers " + request.getRequestURI()))
                .malformed(REASON);
        response.setStatus(answer.getStatusCode().value());
        answer.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        json.writeValue(response.getOutputStream(), answer.getBody());
    }

    /** The rest of the chain, noting whether the request got there: a failure after that is not the form's. */
    private static final class Downstream implements FilterChain {

        private final FilterChain chain;
        private boolean reached;

        Downstream(FilterChain chain) {
            this.chain = chain;
        }

        @Override
        public void doFilter(ServletRequest request, ServletResponse response) throws IOException, ServletException {
            reached = true;
            chain.doFilter(request, response);
        }
    }
}
