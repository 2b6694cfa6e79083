package dev.obo.onbehalf.problem;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

/**
 * Tomcat's report of an error that never reached the application, as problem+json instead of
 * Tomcat's HTML page: a request line or header Tomcat could not parse (a control character, a
 * header over {@code server.max-http-request-header-size}). Same checks as Tomcat's own report:
 * only for an error status, with nothing written yet, once, while the connection allows it.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(GenericProblems.json(status));
            }
        } catch (IOException | IllegalStateException e) {
            // The connection is going away: nothing more can be said to the client.
        }
    }
}
