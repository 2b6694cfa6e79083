package dev.obo.web;

import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.client.ClientAuthorizationException;
import org.springframework.security.oauth2.client.ClientAuthorizationRequiredException;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

import dev.obo.web.apiclient.ApiFailureException;
import dev.obo.web.security.EntraRegistration;

/**
 * Friendly pages for what can go wrong on the way to the subscriptions: the API down or
 * failing, or the session's tokens missing or no longer refreshable (sign in again). Never a stack trace.
 */
@ControllerAdvice
class ErrorPagesAdvice {

    private static final Logger log = LoggerFactory.getLogger(ErrorPagesAdvice.class);

    @ExceptionHandler(ApiFailureException.class)
    String apiFailure(ApiFailureException e, HttpServletResponse response, Model model) {
        log.warn("event=api_failed status={} title=\"{}\"", e.status(), e.title());
        response.setStatus(e.status() == 503 ? 503 : 502);
        model.addAttribute("title", e.title());
        model.addAttribute("detail", e.detail());
        model.addAttribute("status", e.status());
        model.addAttribute("retryable", e.retryable());
        return "api-error";
    }

    /**
     * No usable tokens in the session: none yet, or the identity provider refused to refresh them
     * ({@code invalid_grant}: the refresh token expired or was revoked, or the identity provider
     * restarted). Spring Security has already removed the refused ones; signing in gets new ones.
     */
    @ExceptionHandler(ClientAuthorizationException.class)
    String signInAgain(ClientAuthorizationException e) {
        log.info("event=reauthorization_required reason={}", e instanceof ClientAuthorizationRequiredException
                ? "no_authorized_client" : e.getError().getErrorCode());
        return "redirect:" + EntraRegistration.SIGN_IN_PATH;
    }
}
