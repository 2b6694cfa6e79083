package dev.obo.sandbox.form;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * How one part of the sandbox (the identity provider's pages, its other endpoints, the ARM
 * and Graph stand-ins) answers a request whose parameters it cannot read, in its own error
 * language. The first answer, in {@code @Order}, that {@link #answers} the request gives the 400.
 */
public interface MalformedRequestAnswer {

    /** Whether the request was sent to this part of the sandbox. */
    boolean answers(HttpServletRequest request);

    /**
     * Writes the 400 answer (status, headers, body) to {@code response}; {@code reason} says what
     * was wrong, without the request's content.
     */
    void answer(String reason, HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException;
}
