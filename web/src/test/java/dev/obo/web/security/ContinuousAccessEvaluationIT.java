package dev.obo.web.security;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.obo.sandbox.junit.BrowserlessUser;
import dev.obo.sandbox.junit.BrowserlessUser.Page;
import dev.obo.sandbox.junit.DemoTenant;
import dev.obo.sandbox.junit.Sandbox;
import dev.obo.web.InProcessApi;
import dev.obo.web.WebIT;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Continuous access evaluation end to end, through the real sandbox, API and web app: after an
 * administrator revokes alice's sessions, ARM refuses the CAE token the API holds for her, the
 * API passes the claims challenge on, and the web app drops her tokens and sends her to sign in
 * with the claims (the sandbox asks for her password again), after which her list is back; the
 * same when the API holds no ARM token and the identity provider refuses her old token for
 * On-Behalf-Of with the claims (AADSTS50173); dave, under an MFA policy, is asked for his second factor next, as a new challenge, not a loop;
 * a disabled bob ends on a page that says so, and enabling him restores his sign-in; so does a
 * disabled user whose old token the identity provider refuses for On-Behalf-Of (AADSTS50057).
 * <p>
 * The web app refreshes no token here (no refresh skew: WebIT's makes every call refresh, and a
 * revoked refresh token is then what is refused, before any CAE challenge). Each user signs in
 * first with the sandbox's clock a few seconds back, so that the revocation, to the second as
 * Entra's tokens-valid-from, is after every token of that sign-in; so each test has a user of its
 * own, whom no earlier revocation lies ahead of.
 */
class ContinuousAccessEvaluationIT extends WebIT {

    private static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    private static final Duration EARLIER = Duration.ofSeconds(-3);
    private static final JsonMapper JSON = new JsonMapper();

    @DynamicPropertySource
    static void noRefreshBeforeEachCall(DynamicPropertyRegistry registry) {
        registry.add("obo.web.refresh-skew", () -> "0s");
    }

    @Test
    void homeWhenAlicesSessionsAreRevokedThenSentToSignInWithTheClaimsAndAfterSigningInHerListIsBack(Sandbox sandbox) {
        BrowserlessUser alice = signedInEarlier(sandbox, DemoTenant.ALICE);
        long oboBefore = sandbox.oboRequests();
        long oboRefusedBefore = sandbox.tokenRequests(JWT_BEARER, "AADSTS50173");
        long armChallengesBefore = sandbox.armCaeChallenges();

        Sandbox.Account revoked = sandbox.revokeSessions(DemoTenant.ALICE);
        Page toSignIn = alice.open(web("/"));

        Map<String, String> authorize = toSignIn.answer();
        assertThat(toSignIn.redirect().toString()).startsWith(sandbox.authorizeEndpoint());
        JsonNode nbf = JSON.readTree(authorize.get("claims")).path("access_token").path("nbf");
        assertThat(nbf.path("essential").asBoolean()).isTrue();
        assertThat(nbf.path("value").asString()).as("ARM's nbf: the revocation, in epoch seconds")
                .isEqualTo(String.valueOf(revoked.tokensValidFrom().getEpochSecond()));
        assertThat(authorize).containsEntry("login_hint", DemoTenant.ALICE);
        Page signIn = alice.open(toSignIn.redirect());
        assertThat(signIn.title()).as("her earlier session no longer signs her in").startsWith("Sign in");

        Page home = alice.signIn(signIn, DemoTenant.ALICE);

        assertThat(home.uri().toString()).isEqualTo(web("/"));
        assertThat(home.document().select("#subscriptions tbody tr")).hasSize(2);
        assertThat(sandbox.armCaeChallenges() - armChallengesBefore).as("ARM refused her earlier CAE token once").isEqualTo(1);
        assertThat(sandbox.oboRequests() - oboBefore).as("On-Behalf-Of only for her new token: one for ARM, one for Graph").isEqualTo(2);
        assertThat(sandbox.tokenRequests(JWT_BEARER, "AADSTS50173") - oboRefusedBefore).as("none wasted on the refused token").isZero();
        assertThat(home.document().select("#how-this-worked svg text.label").eachText())
                .contains("401 insufficient_claims (ARM: session revoked)", "sign in again with claims");
        assertThat(home.text("#challenge-answered")).contains("401 insufficient_claims (ARM: session revoked)");
        Page again = alice.open(web("/"));
        assertThat(again.document().select("#challenge-answered")).as("for one page view only").isEmpty();
        assertThat(again.document().select("#how-this-worked svg text.label").eachText()).doesNotContain("sign in again with claims");
    }

    @Test
    void homeWhenRevokedAndTheApiHoldsNoArmTokenThenTheRefusedAssertionsClaimsSendHerToSignInAndHerListIsBack(Sandbox sandbox) {
        BrowserlessUser mallory = signedInEarlier(sandbox, MALLORY);
        // A restarted API has no ARM token for her: it asks On-Behalf-Of with her old token, which the identity provider refuses.
        InProcessApi.stop();
        InProcessApi.start();
        long refusedBefore = sandbox.tokenRequests(JWT_BEARER, "AADSTS50173");
        sandbox.revokeSessions(MALLORY);

        Page toSignIn = mallory.open(web("/"));

        assertThat(sandbox.tokenRequests(JWT_BEARER, "AADSTS50173") - refusedBefore).as("the old assertion refused, once").isEqualTo(1);
        assertThat(toSignIn.answer().get("claims")).as("the claims the identity provider gave with its refusal").contains("\"nbf\"");
        Page home = mallory.signIn(mallory.open(toSignIn.redirect()), MALLORY);
        assertThat(home.document().select("#subscriptions td.name").eachText()).containsExactly(XSS);
        assertThat(home.text("#challenge-answered")).contains("401 invalid_token (On-Behalf-Of: AADSTS50173, session revoked)");
    }

    @Test
    void homeWhenDavesSessionsAreRevokedThenSignInWithTheClaimsThenHisSecondFactorThenHisList(Sandbox sandbox) {
        BrowserlessUser dave = signedInEarlier(sandbox, DemoTenant.DAVE);
        sandbox.revokeSessions(DemoTenant.DAVE);

        Page toSignIn = dave.open(web("/"));
        assertThat(toSignIn.answer().get("claims")).contains("nbf");
        Page mfa = dave.signIn(dave.open(toSignIn.redirect()), DemoTenant.DAVE);
        Page toMfa = mfa.redirect() == null ? mfa : dave.open(mfa.redirect());

        assertThat(toMfa.title()).as("MFA asked next is a new challenge, followed, not the loop page").startsWith("Verify your identity");
        Page home = dave.submit(toMfa, "form", Map.of("code", toMfa.text("#one-time-code")));
        assertThat(home.document().select("#subscriptions tbody tr")).hasSize(1);
    }

    @Test
    void homeWhenBobIsDisabledThenAPageThatSaysSoNotALoopAndEnablingHimRestoresHisList(Sandbox sandbox) {
        BrowserlessUser bob = signedInEarlier(sandbox, DemoTenant.BOB);
        long codesBefore = sandbox.tokenRequests("authorization_code");
        try {
            sandbox.disable(DemoTenant.BOB);
            Page toSignIn = bob.open(web("/"));
            assertThat(toSignIn.answer().get("claims")).contains("nbf");
            // The sandbox answers his session at once with access_denied, AADSTS50057, to the web app's callback.
            Page disabled = bob.open(toSignIn.redirect());

            assertThat(disabled.uri().toString()).isEqualTo(web("/account/signin-failed"));
            assertThat(disabled.text("h1")).isEqualTo("Your account is disabled");
            assertThat(disabled.document().select("main").text()).contains("administrator").doesNotContain("PowerShell");
            Page reload = bob.open(bob.open(web("/")).redirect());
            assertThat(reload.text("h1")).as("a reload ends on the same page: not a loop").isEqualTo("Your account is disabled");
            assertThat(sandbox.tokenRequests("authorization_code") - codesBefore).as("no code issued to a disabled account").isZero();
        } finally {
            sandbox.enable(DemoTenant.BOB);
        }

        Page signIn = bob.open(bob.open(web("/account/login")).redirect());
        assertThat(signIn.title()).as("disabling ended his session").startsWith("Sign in");
        Page home = bob.signIn(signIn, DemoTenant.BOB);

        assertThat(home.uri().toString()).isEqualTo(web("/"));
        assertThat(home.document().select("#subscriptions tbody tr")).hasSize(1);
    }

    @Test
    void homeWhenDisabledAndTheApiHoldsNoArmTokenThenTheRefusedAssertionLeadsToThePageThatSaysSo(Sandbox sandbox) {
        BrowserlessUser erin = signedInEarlier(sandbox, DemoTenant.ERIN);
        InProcessApi.stop();
        InProcessApi.start();
        long disabledBefore = sandbox.tokenRequests(JWT_BEARER, "AADSTS50057");
        try {
            sandbox.disable(DemoTenant.ERIN);
            Page toSignIn = erin.open(web("/"));

            assertThat(sandbox.tokenRequests(JWT_BEARER, "AADSTS50057") - disabledBefore).as("On-Behalf-Of refused, once").isEqualTo(1);
            assertThat(toSignIn.answer()).as("AADSTS50057 comes with no claims").doesNotContainKey("claims");
            Page disabled = erin.open(toSignIn.redirect());
            assertThat(disabled.text("h1")).isEqualTo("Your account is disabled");
        } finally {
            sandbox.enable(DemoTenant.ERIN);
        }
    }

    /**
     * A visitor signed in as {@code username}, on the home page, with the sandbox's clock moved back for
     * the sign-in and its page (so that every token of it is older than a revocation now); the
     * redirects that leave the web app are not followed, so the test sees each one.
     */
    private BrowserlessUser signedInEarlier(Sandbox sandbox, String username) {
        BrowserlessUser user = BrowserlessUser.within(web("/"));
        sandbox.clock().advance(EARLIER);
        try {
            Page page = user.signIn(user.open(user.open(web("/account/login")).redirect()), username);
            for (int hops = 0; page.redirect() != null && hops < 5; hops++) {
                page = user.open(page.redirect());
                if (page.title().startsWith("Verify your identity")) {
                    page = user.submit(page, "form", Map.of("code", page.text("#one-time-code")));
                }
            }
            assertThat(page.uri()).isEqualTo(URI.create(web("/")));
            assertThat(page.document().select("#subscriptions tbody tr")).isNotEmpty();
        } finally {
            sandbox.clock().reset();
        }
        return user;
    }
}
