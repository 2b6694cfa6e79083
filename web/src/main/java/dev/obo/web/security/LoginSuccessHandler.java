package dev.obo.web.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;

/**
 * After sign-in: back to the page that sent the user (a challenge's page, or home), and a
 * note that a challenge was answered so that the same challenge again is explained, not looped.
 */
final class LoginSuccessHandler implements AuthenticationSuccessHandler {

    static final String USERNAME_ATTRIBUTE = LoginSuccessHandler.class.getName() + ".username";
    private static final Logger log = LoggerFactory.getLogger(LoginSuccessHandler.class);

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException {
        HttpSession session = request.getSession();
        String returnTo = "/";
        PendingChallenge challenge = (PendingChallenge) session.getAttribute(PendingChallenge.SESSION_ATTRIBUTE);
        if (challenge != null) {
            session.removeAttribute(PendingChallenge.SESSION_ATTRIBUTE);
            session.setAttribute(PendingChallenge.ANSWERED_ATTRIBUTE, challenge);
            returnTo = challenge.returnTo();
        }
        if (authentication.getPrincipal() instanceof OidcUser user) {
            session.setAttribute(USERNAME_ATTRIBUTE, user.getPreferredUsername());
            log.info("event=signed_in user={} challenge={}", user.getClaimAsString("oid"), challenge == null ? "none" : challenge.kind());
        }
        response.sendRedirect(request.getContextPath() + returnTo);
    }
}
