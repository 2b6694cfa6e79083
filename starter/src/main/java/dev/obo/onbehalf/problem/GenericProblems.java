package dev.obo.onbehalf.problem;

import org.springframework.http.HttpStatus;

/**
 * The RFC 9457 problem for an error that no endpoint of the API described: a request refused
 * before it reached one (by Tomcat, the request firewall, the form parser) or a failure outside
 * one. {@code type} is {@code about:blank}, so {@code title} is the status's reason phrase
 * (RFC 9457 section 4.2.1); the detail says what the caller can do, never echoing the request.
 */
final class GenericProblems {

    private GenericProblems() {
    }

    static String title(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        return known == null ? "Error" : known.getReasonPhrase();
    }

    static String detail(int status) {
        if (status == 400 || status == 431 || status == 414 || status == 413) {
            return "The request is malformed or too large and was not processed: check its URL, headers and body.";
        }
        if (status >= 500) {
            return "The API could not process the request. Retry later.";
        }
        return "The request was not processed (" + status + ").";
    }

    /** The problem as JSON text, for writers that have no JSON library at hand (Tomcat's error report). */
    static String json(int status) {
        // Only fixed texts and a number go in: nothing to escape.
        return "{\"type\":\"about:blank\",\"title\":\"" + title(status) + "\",\"status\":" + status
                + ",\"detail\":\"" + detail(status) + "\"}";
    }
}
