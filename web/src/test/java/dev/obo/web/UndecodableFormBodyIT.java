package dev.obo.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A form body that cannot be decoded ({@code a=%ZZ}) is the client's mistake: the error page
 * with 400, before anything else runs, and one WARN line without a stack trace; never a 500.
 */
@ExtendWith(OutputCaptureExtension.class)
class UndecodableFormBodyIT extends WebIT {

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource({
            "PUT,    /,               read by the form content filter",
            "PATCH,  /,               read by the form content filter",
            "DELETE, /account/logout, read by the form content filter",
            "POST,   /account/logout, read by the servlet container (CSRF token lookup)"})
    void requestWhenFormBodyUndecodableThen400PageAndOneWarning(String method, String path, String proves, CapturedOutput output)
            throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(web(path)))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
                .method(method, HttpRequest.BodyPublishers.ofString("a=%ZZ")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(proves).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        Document page = Jsoup.parse(response.body());
        assertThat(page.select("h1").text()).isEqualTo("Something went wrong");
        assertThat(page.select("main").text()).contains("(400)");
        String logs = output.getAll();
        assertThat(logs).doesNotContain(" ERROR ", "HttpMessageNotReadableException").doesNotContainPattern("(?m)^\\s+at ");
        if (!"POST".equals(method)) {
            assertThat(logs.lines().filter(line -> line.contains("event=request_refused status=400"))).singleElement()
                    .satisfies(line -> assertThat(line).contains(" WARN "));
        }
    }
}
