package dev.obo.web.account;

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
 * {@code /account/signin-failed} says why a sign-in did not complete.
 */
@Controller
class AccountController {

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
        if (failure instanceof OAuth2AuthenticationException oauth) {
            reason = oauth.getError().getErrorCode() + (oauth.getError().getDescription() == null ? ""
                    : ": " + oauth.getError().getDescription().lines().findFirst().orElse(""));
        } else if (failure instanceof AuthenticationException other) {
            reason = other.getMessage();
        }
        model.addAttribute("reason", reason);
        return "signin-failed";
    }
}
