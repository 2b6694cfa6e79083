package dev.obo.web.security;

import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;

/**
 * The web app's one client registration, at Entra ID: its id, under which Spring Security keeps
 * the user's tokens, and the path where signing in with it starts (Spring Security's
 * authorization request endpoint, {@code /oauth2/authorization/{registrationId}}).
 */
public final class EntraRegistration {

    public static final String ID = "entra";
    public static final String SIGN_IN_PATH = OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI + "/" + ID;

    private EntraRegistration() {
    }
}
