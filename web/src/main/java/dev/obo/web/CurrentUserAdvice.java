package dev.obo.web;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Puts the signed-in user's name on every page's model, for the header (null when signed out). */
@ControllerAdvice
class CurrentUserAdvice {

    @ModelAttribute("currentUser")
    String currentUser(@AuthenticationPrincipal OidcUser user) {
        return user == null ? null : user.getPreferredUsername();
    }
}
