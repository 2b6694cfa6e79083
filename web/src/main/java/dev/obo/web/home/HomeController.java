package dev.obo.web.home;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import tools.jackson.databind.json.JsonMapper;

import dev.obo.web.apiclient.ApiChallengeException;
import dev.obo.web.apiclient.ApiClient;
import dev.obo.web.apiclient.Profile;
import dev.obo.web.apiclient.Subscriptions;
import dev.obo.web.security.EntraRegistration;
import dev.obo.web.security.PendingChallenge;

/**
 * {@code /}: what the app does and a sign-in button; signed in, the user's subscriptions
 * (ARM) and profile (Microsoft Graph), each through the API, and how the calls went (hops, timings, decoded claims: never a raw token).
 * When the API asks the user for consent, a second factor or a new sign-in (its token refused, or
 * ARM's or Graph's continuous access evaluation refused the token made from it), the user is sent
 * to sign in with it and brought back, and the picture shows that round trip once; if the same
 * challenge comes straight back, or too many in a row, it is explained instead.
 */
@Controller
class HomeController {

    private static final Logger log = LoggerFactory.getLogger(HomeController.class);

    private final ApiClient api;
    private final OAuth2AuthorizedClientRepository authorizedClients;
    private final JsonMapper json = new JsonMapper();

    HomeController(ApiClient api, OAuth2AuthorizedClientRepository authorizedClients) {
        this.api = api;
        this.authorizedClients = authorizedClients;
    }

    @GetMapping("/")
    String home(@AuthenticationPrincipal OidcUser user, Authentication authentication, HttpServletRequest request,
                HttpSession session, Model model) {
        if (user == null) {
            return "home-signed-out";
        }
        Subscriptions answer;
        try {
            answer = api.subscriptions();
        } catch (ApiChallengeException challenge) {
            return challenge(challenge, authentication, request, session, model);
        }
        // How this page came about, for this page view only: a challenge answered on the way here.
        PendingChallenge answered = (PendingChallenge) session.getAttribute(PendingChallenge.ANSWERED_ATTRIBUTE);
        session.removeAttribute(PendingChallenge.ANSWERED_ATTRIBUTE);
        Profile profile = api.profile();
        model.addAttribute("profile", profile);
        model.addAttribute("name", user.getFullName() != null ? user.getFullName() : user.getPreferredUsername());
        model.addAttribute("username", user.getPreferredUsername());
        model.addAttribute("subscriptions", answer.value());
        model.addAttribute("diagram", SequenceDiagram.of(answer, profile, answered));
        model.addAttribute("answered", answered == null || answered.refusal() == null ? null : answered.refusal().label());
        model.addAttribute("idTokenClaims", new TreeMap<>(user.getIdToken().getClaims()));
        OAuth2AuthorizedClient client = authorizedClients.loadAuthorizedClient(EntraRegistration.ID, authentication, request);
        // The API access token's claims, for the panel; the token itself never reaches the page.
        model.addAttribute("accessTokenClaims", client == null ? Map.of() : claims(client.getAccessToken().getTokenValue()));
        return "home";
    }

    private String challenge(ApiChallengeException challenge, Authentication authentication, HttpServletRequest request,
                             HttpSession session, Model model) {
        PendingChallenge answered = (PendingChallenge) session.getAttribute(PendingChallenge.ANSWERED_ATTRIBUTE);
        PendingChallenge asked = PendingChallenge.after(answered, challenge.kind(), challenge.claims(), challenge.refusal(), "/");
        if (asked.repeats(answered)) {
            session.removeAttribute(PendingChallenge.ANSWERED_ATTRIBUTE);
            log.info("event=challenge_repeated kind={} round={}", asked.kind(), asked.round());
            model.addAttribute("kind", asked.kind().name());
            model.addAttribute("refusal", asked.refusal() == null ? null : asked.refusal().label());
            return "challenge-repeated";
        }
        log.info("event=challenge_followed kind={} claims={} round={}", asked.kind(), asked.claims() != null, asked.round());
        if (asked.kind() == PendingChallenge.Kind.TOKEN || asked.claims() != null) {
            // The API refused the token, or its downstream API did (continuous access evaluation): never send it again, nor
            // refresh it (a revoked refresh token only fails); signing in, with the claims, gets new ones.
            authorizedClients.removeAuthorizedClient(EntraRegistration.ID, authentication, request, null);
        }
        session.setAttribute(PendingChallenge.SESSION_ATTRIBUTE, asked);
        return "redirect:" + EntraRegistration.SIGN_IN_PATH;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> claims(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length < 2) {
            return Map.of();
        }
        // Decoded for display only: the API, not this page, is what validates the token.
        return new TreeMap<>(json.readValue(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8), Map.class));
    }
}
