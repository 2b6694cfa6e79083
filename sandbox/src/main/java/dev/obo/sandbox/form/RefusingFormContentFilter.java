package dev.obo.sandbox.form;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.servlet.filter.OrderedFilter;
import org.springframework.boot.servlet.filter.OrderedFormContentFilter;
import org.springframework.http.converter.HttpMessageNotReadableException;

/**
 * Spring's {@link org.springframework.web.filter.FormContentFilter} (the form body of PUT,
 * PATCH and DELETE as request parameters), except that parameters which do not decode
 * ({@code a=%ZZ}), in the form body of any method or in the query string, are answered 400 by
 * the {@link MalformedRequestAnswer} of the part of the sandbox the request was sent to, and
 * logged once at WARN, instead of escaping to the container as an ERROR with a stack trace
 * (a 500 for PUT, PATCH and DELETE; Boot's JSON 400 for a POST, whose body Tomcat parses).
 */
final class RefusingFormContentFilter extends OrderedFormContentFilter {

    private static final Logger log = LoggerFactory.getLogger(RefusingFormContentFilter.class);
    static final String REASON = "The request's parameters do not decode: its query string or its "
            + "application/x-www-form-urlencoded body is not validly percent-encoded.";

    private final List<MalformedRequestAnswer> answers;

    RefusingFormContentFilter(List<MalformedRequestAnswer> answers) {
        this.answers = answers;
        // Just after Boot's request context filter (REQUEST_WRAPPER_FILTER_MAX_ORDER - 105): the
        // answers build URLs (error_uri) from the current request.
        setOrder(OrderedFilter.REQUEST_WRAPPER_FILTER_MAX_ORDER - 104);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Downstream downstream = new Downstream(chain);
        try {
            // Parsing stays where it is (lazy: the token endpoint reads its body itself), but its
            // failure, wherever it happens first, gets one meaning.
            super.doFilterInternal(new ParameterCheckingRequest(request), response, downstream);
        } catch (HttpMessageNotReadableException e) {
            if (downstream.reached) {
                throw e;
            }
            refuse(request, response);
        } catch (ServletException | RuntimeException e) {
            if (!undecodable(e) || response.isCommitted()) {
                throw e;
            }
            refuse(request, response);
        }
    }

    private static boolean undecodable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UndecodableParametersException) {
                return true;
            }
        }
        return false;
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        log.warn("event=request_unreadable method={} path={} reason=\"parameters do not decode\"", request.getMethod(),
                request.getRequestURI());
        MalformedRequestAnswer answer = answers.stream().filter(a -> a.answers(request)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no part of the sandbox answers " + request.getRequestURI()));
        response.resetBuffer();
        answer.answer(REASON, request, response);
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
