package dev.obo.web.account;

import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import dev.obo.web.security.EntraRegistration;

/**
 * The seed's account routes: {@code /account/login} starts sign-in; {@code GET /account/logout}
 * asks to confirm (the logout itself is a POST with CSRF, handled by Spring Security);
 * {@code /account/signin-failed} says why a sign-in did not complete: in plain words when the
 * account is disabled (Entra's AADSTS50057), so that signing in again is not tried in a loop.
 */
@Controller
class AccountController {

    /** AADSTS50057, UserDisabled: "The user account is disabled" (learn.microsoft.com, reference-error-codes). */
    private static final String USER_DISABLED = "AADSTS50057";
    /** A description that starts with that code, as a whole number (not AADSTS500571). */
    private static final Pattern STARTS_USER_DISABLED = Pattern.compile("^" + USER_DISABLED + "(?!\\d)");

    @GetMapping("/account/login")
    String login() {
        return "redirect:" + EntraRegistration.SIGN_IN_PATH;
    }

    @GetMapping("/account/logout")
    String confirmLogout() {
        return "logout";
    }

    @GetMapping("/account/signin-failed")
    String signInFailed(HttpServletRequest request, Model model) {
        HttpSession session = request.getSession(false);
        Object failure = session == null ? null : session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
        String reason = "The sign-in did not complete.";
        boolean disabled = false;
        if (failure instanceof OAuth2AuthenticationException oauth) {
            String description = oauth.getError().getDescription();
            reason = oauth.getError().getErrorCode() + (description == null ? "" : ": " + description.lines().findFirst().orElse(""));
            // Entra's code for a disabled account, at /authorize (access_denied) or at the token endpoint (invalid_grant).
            disabled = description != null && STARTS_USER_DISABLED.matcher(description).find();
        } else if (failure instanceof AuthenticationException other) {
            reason = other.getMessage();
        }
        model.addAttribute("reason", reason);
        model.addAttribute("disabled", disabled);
        model.addAttribute("code", USER_DISABLED);
        return "signin-failed";
    }
}
