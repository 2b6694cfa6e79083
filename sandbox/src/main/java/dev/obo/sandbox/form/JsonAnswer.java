package dev.obo.sandbox.form;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Writes a JSON {@link ResponseEntity} to a servlet response, for a {@link MalformedRequestAnswer} that answers in JSON. */
public final class JsonAnswer {

    private JsonAnswer() {
    }

    public static void write(ResponseEntity<?> answer, HttpServletResponse response, JsonMapper json) throws IOException {
        response.setStatus(answer.getStatusCode().value());
        answer.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        json.writeValue(response.getOutputStream(), answer.getBody());
    }
}
