package dev.obo.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.obo.sandbox.junit.BrowserlessUser;
import dev.obo.sandbox.junit.BrowserlessUser.Page;
import dev.obo.sandbox.junit.DemoTenant;
import dev.obo.sandbox.junit.Sandbox;
import dev.obo.web.ScriptedApi.Answer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The friendly error pages: each says who is signed in, as the home page does; a middle tier
 * that answers in its own shape (the seed's Flask API answers {@code {code, description}})
 * has what it said shown; and only a failure that may pass is offered a "try again". A
 * challenge that comes back after the sign-in that answered it is explained, not looped. The
 * middle tier is a {@link ScriptedApi} put on the API's port while the API is stopped; signing
 * in still works then, its landing page shows an empty list.
 */
class ErrorPagesIT extends WebIT {

    private static final String NBF = "{\"access_token\":{\"nbf\":{\"essential\":true,\"value\":\"1700000000\"}}}";
    private static ScriptedApi middleTier;

    @BeforeAll
    static void foreignMiddleTierInPlaceOfTheApi() {
        InProcessApi.stop();
        middleTier = ScriptedApi.start(InProcessApi.port());
    }

    @AfterAll
    static void apiBack() {
        middleTier.close();
        InProcessApi.start();
    }

    // What the user's sign-in lands on, before each test sets the answer it is about.
    @BeforeEach
    void listFirst() {
        middleTier.answer("/subscriptions", Answer.of(200, "{\"value\": []}"));
    }

    @ParameterizedTest(name = "{0} {1}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            404 | {"code": "invalid_header", "description": "Unable to find appropriate key."}      | Unable to find appropriate key. | the seed's Flask API
            401 | {"error": "invalid_token", "error_description": "The token has expired."}         | The token has expired.          | an OAuth 2.0 resource server
            403 | {"error": {"code": "AuthorizationFailed", "message": "No access to ARM."}}        | No access to ARM.               | an ARM-shaped error
            400 | {"message": "Bad request from the web app."}                                      | Bad request from the web app.   | a bare message
            403 | {"type": "urn:example:consent-required", "detail": "Ask the example admin."}     | Ask the example admin.          | another API's problem type that ends as ours: no consent loop
            """)
    void homeWhenMiddleTierRefusesInItsOwnShapeThenWhatItSaidNoTryAgainAndWhoIsSignedIn(int status, String json, String said,
                                                                                       String proves) {
        BrowserlessUser bob = signedIn(DemoTenant.BOB);
        middleTier.answer("/subscriptions", Answer.of(status, json));

        Page page = bob.open(web("/"));

        assertThat(page.status()).as(proves).isEqualTo(502);
        assertSignedInAs(page.document(), DemoTenant.BOB);
        assertThat(page.text(".problem")).as(proves).contains(said);
        assertThat(page.document().text()).doesNotContainIgnoringCase("try again");
        assertThat(page.document().select("#retry")).isEmpty();
    }

    @Test
    void homeWhenMiddleTierFailsThenWhatItSaidAndTryAgain() {
        BrowserlessUser bob = signedIn(DemoTenant.BOB);
        middleTier.answer("/subscriptions", Answer.of(500, "{\"code\": \"server_error\", \"description\": \"The database is down.\"}"));

        Page page = bob.open(web("/"));

        assertThat(page.status()).isEqualTo(502);
        assertSignedInAs(page.document(), DemoTenant.BOB);
        assertThat(page.text(".problem")).contains("The database is down.");
        assertThat(page.document().select("#retry").attr("href")).isEqualTo("/");
    }

    @Test
    void homeWhenMiddleTierRefusesTheTokenItselfThenSignedInAgainOnceThenExplained(Sandbox sandbox) {
        BrowserlessUser bob = signedIn(DemoTenant.BOB);
        long codesBefore = sandbox.tokenRequests("authorization_code");
        middleTier.answer("/subscriptions", Answer.of(401, "{\"type\": \"urn:onbehalf:problem:invalid-token\", \"title\": \"Invalid token\"}")
                .withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\", error_description=\"the token was refused for On-Behalf-Of\""));

        Page repeated = bob.open(web("/"));

        assertThat(sandbox.tokenRequests("authorization_code") - codesBefore).as("signed in again, once").isEqualTo(1);
        assertThat(repeated.text("h1")).isEqualTo("We could not get your subscriptions");
        assertThat(repeated.document().text()).contains("refuses the new one too");
        assertSignedInAs(repeated.document(), DemoTenant.BOB);
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', textBlock = """
            urn:onbehalf:problem:downstream-claims-challenge | insufficient_claims | ARM's continuous access evaluation, passed on
            urn:onbehalf:problem:invalid-token               | invalid_token       | the assertion refused after a revocation, with claims
            """)
    void homeWhenMiddleTierKeepsAskingTheSameClaimsThenSignedInAgainOnceWithThemThenExplained(String type, String error, String proves,
                                                                                          Sandbox sandbox) {
        BrowserlessUser bob = signedIn(DemoTenant.BOB);
        long codesBefore = sandbox.tokenRequests("authorization_code");
        middleTier.answer("/subscriptions", claimsChallenge(type, error));

        Page page = bob.open(web("/"));

        assertThat(sandbox.tokenRequests("authorization_code") - codesBefore).as("signed in again, once: " + proves).isEqualTo(1);
        assertThat(page.text("h1")).as(proves).isEqualTo("We could not get your subscriptions");
        assertThat(page.text("#refusal")).as(proves).contains("401 " + error);
        assertSignedInAs(page.document(), DemoTenant.BOB);
    }

    @Test
    void homeWhenDownstreamClaimsChallengeThenSentToSignInWithTheClaimsAndTheOldTokenIsNeverSentAgain() {
        BrowserlessUser bob = signedInWithin(DemoTenant.BOB);
        middleTier.answer("/subscriptions", claimsChallenge("urn:onbehalf:problem:downstream-claims-challenge", "insufficient_claims"));
        List<String> sent = middleTier.authorizations();
        String oldToken = sent.get(sent.size() - 1);

        Page toSignIn = bob.open(web("/"));
        middleTier.answer("/subscriptions", Answer.of(200, "{\"value\": []}"));
        int seen = middleTier.authorizations().size();
        Page again = bob.open(web("/"));

        assertThat(toSignIn.answer()).as("sent to sign in with the API's claims").containsEntry("claims", NBF);
        assertThat(again.answer()).as("the sign-in not done: to it again, with the claims still").containsEntry("claims", NBF);
        assertThat(middleTier.authorizations().subList(seen, middleTier.authorizations().size()))
                .as("the refused token is not sent again").doesNotContain(oldToken);
    }

    @Test
    void homeWhenClaimsChallengeIsNotBase64ThenAFailurePageNotAServerError() {
        BrowserlessUser bob = signedIn(DemoTenant.BOB);
        middleTier.answer("/subscriptions", Answer.of(401, "{\"type\": \"urn:onbehalf:problem:downstream-claims-challenge\"}")
                .withHeader("WWW-Authenticate", "Bearer error=\"insufficient_claims\", claims=\"{not base64}\""));

        Page page = bob.open(web("/"));

        assertThat(page.status()).isEqualTo(502);
        assertThat(page.text("h1")).isEqualTo("The API's sign-in challenge could not be read");
        assertSignedInAs(page.document(), DemoTenant.BOB);
    }

    @Test
    void homeWhenSameChallengeComesBackThenExplainedAndWhoIsSignedIn() {
        BrowserlessUser bob = signedIn(DemoTenant.BOB);
        middleTier.answer("/subscriptions", Answer.of(403, "{\"type\": \"urn:onbehalf:problem:consent-required\", \"title\": \"Consent required\"}"));

        Page consent = bob.open(web("/"));
        assertThat(consent.title()).startsWith("Permissions requested");
        Page repeated = bob.submit(consent, "form", Map.of("decision", "accept"));

        assertThat(repeated.text("h1")).isEqualTo("We could not get your subscriptions");
        assertSignedInAs(repeated.document(), DemoTenant.BOB);
    }

    @Test
    void unknownPageWhenSignedInThenNotFoundPageSaysWhoIsSignedIn() {
        Page missing = signedIn(DemoTenant.BOB).open(web("/no-such-page"));

        assertThat(missing.status()).isEqualTo(404);
        assertSignedInAs(missing.document(), DemoTenant.BOB);
    }

    @Test
    void signInFailedPageWhenSignedInThenSaysWhoIsSignedIn() {
        Page failed = signedIn(DemoTenant.BOB).open(web("/account/signin-failed"));

        assertThat(failed.text("h1")).isEqualTo("Sign-in did not complete");
        assertSignedInAs(failed.document(), DemoTenant.BOB);
    }

    @Test
    void errorPageWhenSignedInThenSaysWhoIsSignedIn() throws Exception {
        BrowserlessUser bob = signedIn(DemoTenant.BOB);

        HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(web("/")))
                .header("Cookie", bob.cookie("OBOSESSION")).header("Accept", "text/html")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .PUT(HttpRequest.BodyPublishers.ofString("a=%ZZ")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(refused.statusCode()).isEqualTo(400);
        assertSignedInAs(Jsoup.parse(refused.body()), DemoTenant.BOB);
    }

    /** A visitor signed in as {@code username}, whose redirects out of the web app are not followed. */
    private BrowserlessUser signedInWithin(String username) {
        BrowserlessUser user = BrowserlessUser.within(web("/"));
        Page toSignIn = user.open(web("/account/login"));
        user.signIn(user.open(toSignIn.redirect()), username);
        return user;
    }

    private static Answer claimsChallenge(String type, String error) {
        return Answer.of(401, "{\"type\": \"" + type + "\", \"downstream\": \"arm\", \"detail\": \"(AADSTS50173)\"}")
                .withHeader("WWW-Authenticate", "Bearer realm=\"\", error=\"" + error + "\", claims=\""
                        + Base64.getEncoder().encodeToString(NBF.getBytes(StandardCharsets.UTF_8)) + "\"");
    }

    private static void assertSignedInAs(Document page, String username) {
        assertThat(page.select("header .who").text()).as("the header names the signed-in user").isEqualTo(username);
        assertThat(page.select("#sign-out")).isNotEmpty();
        assertThat(page.select("#sign-in-top")).as("no sign-in offered to a signed-in user").isEmpty();
    }
}
