package dev.obo.web;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.obo.web.WebUser.Page;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The friendly error pages: each says who is signed in, as the home page does; a middle tier
 * that answers in its own shape (the seed's Flask API answers {@code {code, description}})
 * has what it said shown; and only a failure that may pass is offered a "try again". The
 * foreign middle tier is a real HTTP server (the JDK's) put on the API's port while the API
 * is stopped; signing in still works then, its landing page shows the foreign answer.
 */
class ErrorPagesTest extends WebTest {

    private record Answer(int status, String json, String wwwAuthenticate) {
        Answer(int status, String json) {
            this(status, json, null);
        }
    }

    /** The middle tier is a foreign one, answering what each test sets. */
    @Nested
    class ForeignMiddleTier {

        private static final AtomicReference<Answer> answer = new AtomicReference<>();
        private static HttpServer server;

        @BeforeAll
        static void inPlaceOfTheApi() throws IOException {
            system().stopApi();
            server = HttpServer.create(new InetSocketAddress(system().apiPort), 0);
            server.createContext("/subscriptions", exchange -> {
                Answer now = answer.get();
                byte[] body = now.json().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                if (now.wwwAuthenticate() != null) {
                    exchange.getResponseHeaders().set("WWW-Authenticate", now.wwwAuthenticate());
                }
                exchange.sendResponseHeaders(now.status(), body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
        }

        // What the user's sign-in lands on, before each test sets the answer it is about.
        @BeforeEach
        void listFirst() {
            answer.set(new Answer(200, "{\"value\": []}"));
        }

        @AfterAll
        static void apiBack() {
            server.stop(0);
            system().startApi();
        }

        @ParameterizedTest(name = "{0} {1}: {3}")
        @CsvSource(delimiter = '|', textBlock = """
                404 | {"code": "invalid_header", "description": "Unable to find appropriate key."} | Unable to find appropriate key. | the seed's Flask API
                401 | {"error": "invalid_token", "error_description": "The token has expired."}    | The token has expired.          | an OAuth 2.0 resource server
                403 | {"error": {"code": "AuthorizationFailed", "message": "No access to ARM."}}   | No access to ARM.               | an ARM-shaped error
                400 | {"message": "Bad request from the web app."}                                 | Bad request from the web app.   | a bare message
                """)
        void homeWhenMiddleTierRefusesInItsOwnShapeThenWhatItSaidNoTryAgainAndWhoIsSignedIn(int status, String json, String said,
                                                                                           String proves) {
            WebUser bob = signedIn();
            answer.set(new Answer(status, json));

            Page page = bob.open("/");

            assertThat(page.status()).isEqualTo(502);
            assertSignedInAs(page.document(), "bob@onbehalf.test");
            assertThat(page.text(".problem")).as(proves).contains(said);
            assertThat(page.document().text()).doesNotContainIgnoringCase("try again");
            assertThat(page.document().select("#retry")).isEmpty();
        }

        @Test
        void homeWhenMiddleTierFailsThenWhatItSaidAndTryAgain() {
            WebUser bob = signedIn();
            answer.set(new Answer(500, "{\"code\": \"server_error\", \"description\": \"The database is down.\"}"));

            Page page = bob.open("/");

            assertThat(page.status()).isEqualTo(502);
            assertSignedInAs(page.document(), "bob@onbehalf.test");
            assertThat(page.text(".problem")).contains("The database is down.");
            assertThat(page.document().select("#retry").attr("href")).isEqualTo("/");
        }

        @Test
        void homeWhenMiddleTierRefusesTheTokenItselfThenSignedInAgainOnceThenExplained() {
            WebUser bob = signedIn();
            long codesBefore = system().tokenRequests("authorization_code");
            answer.set(new Answer(401, "{\"type\": \"urn:onbehalf:problem:invalid-token\", \"title\": \"Invalid token\"}",
                    "Bearer error=\"invalid_token\", error_description=\"the token was refused for On-Behalf-Of\""));

            Page repeated = bob.open("/");

            assertThat(system().tokenRequests("authorization_code") - codesBefore).as("signed in again, once").isEqualTo(1);
            assertThat(repeated.text("h1")).isEqualTo("We could not get your subscriptions");
            assertThat(repeated.document().text()).contains("refuses the new one too");
            assertSignedInAs(repeated.document(), "bob@onbehalf.test");
        }

        @Test
        void homeWhenSameChallengeComesBackThenExplainedAndWhoIsSignedIn() {
            WebUser bob = signedIn();
            answer.set(new Answer(403, "{\"type\": \"urn:onbehalf:problem:consent-required\", \"title\": \"Consent required\"}"));

            Page consent = bob.open("/");
            assertThat(consent.title()).startsWith("Permissions requested");
            Page repeated = bob.submit(consent, "form", Map.of("decision", "accept"));

            assertThat(repeated.text("h1")).isEqualTo("We could not get your subscriptions");
            assertSignedInAs(repeated.document(), "bob@onbehalf.test");
        }
    }

    @Test
    void unknownPageWhenSignedInThenNotFoundPageSaysWhoIsSignedIn() {
        Page missing = signedIn().open("/no-such-page");

        assertThat(missing.status()).isEqualTo(404);
        assertSignedInAs(missing.document(), "bob@onbehalf.test");
    }

    @Test
    void signInFailedPageWhenSignedInThenSaysWhoIsSignedIn() {
        Page failed = signedIn().open("/account/signin-failed");

        assertThat(failed.text("h1")).isEqualTo("Sign-in did not complete");
        assertSignedInAs(failed.document(), "bob@onbehalf.test");
    }

    @Test
    void errorPageWhenSignedInThenSaysWhoIsSignedIn() throws Exception {
        WebUser bob = signedIn();

        HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(system().webBase() + "/"))
                .header("Cookie", bob.cookie("OBOSESSION")).header("Accept", "text/html")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .PUT(HttpRequest.BodyPublishers.ofString("a=%ZZ")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(refused.statusCode()).isEqualTo(400);
        assertSignedInAs(Jsoup.parse(refused.body()), "bob@onbehalf.test");
    }

    private WebUser signedIn() {
        WebUser bob = user();
        bob.signIn(bob.open("/account/login"), "bob@onbehalf.test");
        return bob;
    }

    private static void assertSignedInAs(Document page, String username) {
        assertThat(page.select("header .who").text()).as("the header names the signed-in user").isEqualTo(username);
        assertThat(page.select("#sign-out")).isNotEmpty();
        assertThat(page.select("#sign-in-top")).as("no sign-in offered to a signed-in user").isEmpty();
    }
}
