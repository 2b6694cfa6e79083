package dev.obo.sandbox.identity.authorize;

import java.text.ParseException;
import java.util.Optional;

import com.nimbusds.jwt.SignedJWT;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

import dev.obo.sandbox.identity.error.EntraError;
import dev.obo.sandbox.tenant.Directory;
import dev.obo.sandbox.tenant.SandboxSeed.App;

/**
 * RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0) at
 * {@code /{tenant}/oauth2/v2.0/logout}: ends the sandbox session and returns to
 * {@code post_logout_redirect_uri} when it is registered for the client named by
 * {@code client_id} or {@code id_token_hint}; otherwise shows a signed-out page.
 */
@Controller
class LogoutController {

    static final String PATH = "/{tenant}/oauth2/v2.0/logout";

    private static final Logger log = LoggerFactory.getLogger(LogoutController.class);

    private final Directory directory;

    LogoutController(Directory directory) {
        this.directory = directory;
    }

    @RequestMapping(path = PATH, method = {RequestMethod.GET, RequestMethod.POST})
    String logout(@PathVariable String tenant, @RequestParam(name = "post_logout_redirect_uri", required = false) String redirect,
                  @RequestParam(name = "client_id", required = false) String clientId,
                  @RequestParam(name = "id_token_hint", required = false) String idTokenHint,
                  @RequestParam(required = false) String state, HttpServletRequest request, Model model) {
        if (!directory.isTenant(tenant)) {
            model.addAttribute("error", "invalid_tenant");
            model.addAttribute("description", EntraError.UNKNOWN_TENANT.describe(tenant));
            return "sandbox/error-page";
        }
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        log.info("event=signed_out");
        Optional<App> client = Optional.ofNullable(clientId).or(() -> audienceOf(idTokenHint)).flatMap(directory::app);
        if (redirect != null && client.map(c -> c.allowsPostLogoutRedirectTo(redirect)).orElse(false)) {
            UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(redirect);
            if (state != null) {
                uri.queryParam("state", state);
            }
            return "redirect:" + uri.encode().build().toUriString();
        }
        model.addAttribute("org", directory.tenant());
        model.addAttribute("unregistered", redirect != null);
        return "sandbox/signed-out";
    }

    // The hint only names the client; whether the redirect is allowed is decided by the registration.
    private static Optional<String> audienceOf(String idTokenHint) {
        if (idTokenHint == null) {
            return Optional.empty();
        }
        try {
            return SignedJWT.parse(idTokenHint).getJWTClaimsSet().getAudience().stream().findFirst();
        } catch (ParseException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
