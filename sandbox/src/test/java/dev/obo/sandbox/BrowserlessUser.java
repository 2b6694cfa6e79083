package dev.obo.sandbox;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * A person at a browser without the browser: keeps cookies, follows the sandbox's own
 * redirects, reads the pages with jsoup and submits their forms as a browser would.
 * Stops at a redirect that leaves the sandbox, which is the answer to the client.
 */
public final class BrowserlessUser {

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final String sandboxBase;

    public BrowserlessUser(String sandboxBase) {
        this.sandboxBase = sandboxBase;
    }

    public Page open(URI uri) {
        return follow(HttpRequest.newBuilder(uri).GET().build());
    }

    /** Fills the page's form {@code formSelector} with {@code fields} (on top of its hidden inputs) and submits it. */
    public Page submit(Page page, String formSelector, Map<String, String> fields) {
        Element form = page.document().selectFirst(formSelector);
        if (form == null) {
            throw new AssertionError("no form " + formSelector + " on page: " + page.title());
        }
        Map<String, String> values = new LinkedHashMap<>();
        form.select("input[type=hidden]").forEach(input -> values.put(input.attr("name"), input.attr("value")));
        values.putAll(fields);
        String body = values.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        URI action = page.uri().resolve(form.attr("action"));
        return follow(HttpRequest.newBuilder(action).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private Page follow(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            String location = response.headers().firstValue("Location").orElse(null);
            if (response.statusCode() / 100 == 3 && location != null) {
                URI next = request.uri().resolve(location);
                if (next.toString().startsWith(sandboxBase)) {
                    return follow(HttpRequest.newBuilder(next).GET().build());
                }
                return new Page(response.statusCode(), request.uri(), null, next, response.headers());
            }
            return new Page(response.statusCode(), request.uri(), Jsoup.parse(response.body(), request.uri().toString()), null,
                    response.headers());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A page the sandbox showed, or ({@code redirect} set) the redirect that left it, with the response's headers. */
    public record Page(int status, URI uri, Document document, URI redirect, HttpHeaders headers) {

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public String title() {
            return document == null ? "(redirect to " + redirect + ")" : document.title();
        }

        /** The query parameters of the redirect back to the client. */
        public Map<String, String> answer() {
            if (redirect == null) {
                throw new AssertionError("expected a redirect to the client, but the sandbox showed: " + title()
                        + (document == null ? "" : " " + document.select(".error").text()));
            }
            return UriComponentsBuilder.fromUri(redirect).build(true).getQueryParams().toSingleValueMap().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey,
                            e -> java.net.URLDecoder.decode(e.getValue(), StandardCharsets.UTF_8)));
        }

        public String text(String selector) {
            Element element = document.selectFirst(selector);
            return element == null ? null : element.text();
        }
    }
}
