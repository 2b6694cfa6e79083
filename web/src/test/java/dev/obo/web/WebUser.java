package dev.obo.web;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * A person at a browser, without the browser: keeps cookies for the web app and the sandbox,
 * follows every redirect between them, reads pages with jsoup and submits their forms with
 * their hidden fields (CSRF tokens, flow ids) as a browser would.
 */
public final class WebUser {

    private final CookieManager cookies = new CookieManager();
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
    private final String webBase;

    WebUser(String webBase) {
        this.webBase = webBase;
    }

    public Page open(String pathOrUrl) {
        URI uri = pathOrUrl.startsWith("http") ? URI.create(pathOrUrl) : URI.create(webBase + pathOrUrl);
        return follow(HttpRequest.newBuilder(uri).GET().build());
    }

    private static final String ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    public Page submit(Page page, String formSelector, Map<String, String> fields) {
        Element form = page.document().selectFirst(formSelector);
        if (form == null) {
            throw new AssertionError("no form " + formSelector + " on: " + page.document().title() + "\n" + page.document().text());
        }
        Map<String, String> values = new LinkedHashMap<>();
        form.select("input[type=hidden]").forEach(input -> values.put(input.attr("name"), input.attr("value")));
        values.putAll(fields);
        return post(page.uri().resolve(form.attr("action")), values);
    }

    /** A form post made by hand, as a cross-site page could. */
    public Page post(URI uri, Map<String, String> values) {
        String body = values.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        return follow(HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** The {@code name=value} of a cookie the browser holds, for a request sent another way; null if none. */
    public String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(cookie -> cookie.getName().equals(name))
                .map(cookie -> name + "=" + cookie.getValue()).findFirst().orElse(null);
    }

    /** Signs in at the sandbox's pages from wherever the app sent the user. */
    public Page signIn(Page login, String username) {
        return submit(login, "form", Map.of("username", username, "password", "sandbox"));
    }

    private Page follow(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(asBrowser(request), HttpResponse.BodyHandlers.ofString());
            for (int hops = 0; response.statusCode() / 100 == 3 && hops < 20; hops++) {
                URI next = response.uri().resolve(response.headers().firstValue("Location").orElseThrow());
                response = http.send(HttpRequest.newBuilder(next).header("Accept", ACCEPT).GET().build(), HttpResponse.BodyHandlers.ofString());
            }
            return new Page(response.statusCode(), response.uri(), Jsoup.parse(response.body(), response.uri().toString()), response);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    // Browsers say they want HTML; Spring Boot answers errors to them with pages, not JSON.
    private static HttpRequest asBrowser(HttpRequest request) {
        return request.headers().firstValue("Accept").isPresent() ? request
                : HttpRequest.newBuilder(request, (name, value) -> true).header("Accept", ACCEPT).build();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A page as the browser would show it, after all redirects. */
    public record Page(int status, URI uri, Document document, HttpResponse<String> response) {

        public String title() {
            return document.title();
        }

        public String text(String selector) {
            Element element = document.selectFirst(selector);
            return element == null ? null : element.text();
        }

        public String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }
    }
}
