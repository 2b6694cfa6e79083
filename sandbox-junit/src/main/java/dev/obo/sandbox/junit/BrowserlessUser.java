package dev.obo.sandbox.junit;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * A person at a browser, without the browser, for tests that need no Chromium: keeps cookies,
 * follows redirects (everywhere, or only within one origin, to catch the redirect that leaves
 * it), asks for HTML as a browser does, reads pages with jsoup and submits their forms with
 * their hidden fields (CSRF tokens, flow ids), and signs in at the sandbox's page.
 */
public final class BrowserlessUser {

    private static final String ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    private final CookieManager cookies = new CookieManager();
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
    private final Predicate<URI> follows;

    private BrowserlessUser(Predicate<URI> follows) {
        this.follows = follows;
    }

    /** Follows every redirect, as a browser does. */
    public static BrowserlessUser anywhere() {
        return new BrowserlessUser(uri -> true);
    }

    /** Follows redirects within {@code base} only; a redirect elsewhere ends the journey, as {@link Page#redirect()}. */
    public static BrowserlessUser within(String base) {
        return new BrowserlessUser(uri -> uri.toString().startsWith(base));
    }

    public Page open(String url) {
        return open(URI.create(url));
    }

    public Page open(URI uri) {
        return follow(HttpRequest.newBuilder(uri).GET().build());
    }

    /** Fills the page's form {@code formSelector} with {@code fields} (on top of its hidden inputs) and submits it. */
    public Page submit(Page page, String formSelector, Map<String, String> fields) {
        Element form = page.document() == null ? null : page.document().selectFirst(formSelector);
        if (form == null) {
            throw new AssertionError("no form " + formSelector + " on: " + page.title() + (page.document() == null ? "" : "\n" + page.document().text()));
        }
        Map<String, String> values = new LinkedHashMap<>();
        form.select("input[type=hidden]").forEach(input -> values.put(input.attr("name"), input.attr("value")));
        values.putAll(fields);
        return post(page.uri().resolve(form.attr("action")), values);
    }

    /** Signs in as {@code username} with the demo password on the sandbox's sign-in page. */
    public Page signIn(Page signInPage, String username) {
        return submit(signInPage, "form", Map.of("username", username, "password", DemoTenant.PASSWORD));
    }

    /** A form post made by hand, as a cross-site page could. */
    public Page post(URI uri, Map<String, String> form) {
        String body = form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        return follow(HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** The {@code Cookie} header this browser would send for {@code name}: {@code name=value}, or null. */
    public String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name)).findFirst()
                .map(HttpCookie::toString).orElse(null);
    }

    private Page follow(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(asBrowser(request), HttpResponse.BodyHandlers.ofString());
            for (int hops = 0; response.statusCode() / 100 == 3 && hops < 20; hops++) {
                URI next = response.uri().resolve(response.headers().firstValue("Location").orElseThrow());
                if (!follows.test(next)) {
                    return new Page(response.statusCode(), response.uri(), null, next, response.headers(), response.body());
                }
                response = http.send(HttpRequest.newBuilder(next).header("Accept", ACCEPT).GET().build(), HttpResponse.BodyHandlers.ofString());
            }
            return new Page(response.statusCode(), response.uri(), Jsoup.parse(response.body(), response.uri().toString()), null,
                    response.headers(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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

    /**
     * A page as the browser shows it, after the redirects it followed; or, with {@code redirect}
     * set, the redirect it did not follow.
     */
    public record Page(int status, URI uri, Document document, URI redirect, HttpHeaders headers, String body) {

        public String title() {
            return document == null ? "(redirect to " + redirect + ")" : document.title();
        }

        public String text(String selector) {
            Element element = document == null ? null : document.selectFirst(selector);
            return element == null ? null : element.text();
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        /** The query parameters of the redirect that was not followed: the answer to the client. */
        public Map<String, String> answer() {
            if (redirect == null) {
                throw new AssertionError("expected a redirect, but the page is: " + title() + (document == null ? ""
                        : " " + document.select(".error").text()));
            }
            String query = redirect.getRawQuery();
            Map<String, String> values = new LinkedHashMap<>();
            if (query != null) {
                for (String pair : query.split("&")) {
                    int eq = pair.indexOf('=');
                    values.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                            eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            return values;
        }
    }
}
