package dev.obo.sandbox.form;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ResponseEntity;

/**
 * How one part of the sandbox (the identity provider, the ARM stand-in) answers a request it
 * cannot read, in its own error language. The first answer, in {@code @Order}, that
 * {@link #answers} the request gives the 400.
 */
public interface MalformedRequestAnswer {

    /** Whether the request was sent to this part of the sandbox. */
    boolean answers(HttpServletRequest request);

    /** The 400 answer, with its headers and JSON body; {@code reason} says what was wrong, without the request's content. */
    ResponseEntity<Map<String, Object>> malformed(String reason);
}
