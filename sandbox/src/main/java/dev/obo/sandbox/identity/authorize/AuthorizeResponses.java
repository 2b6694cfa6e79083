package dev.obo.sandbox.identity.authorize;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.MDC;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.web.util.UriComponentsBuilder;

import dev.obo.sandbox.CorrelationFilter;
import dev.obo.sandbox.identity.TenantUrls;
import dev.obo.sandbox.identity.error.EntraException;
import dev.obo.sandbox.tenant.Directory;

/**
 * Sends the answer of an authorization request to the client's redirect URI, as a query
 * (RFC 6749 section 4.1.2) or an auto-submitted form post (OAuth 2.0 Form Post Response
 * Mode), and shows the error page for requests whose redirect URI cannot be trusted.
 */
@Component
class AuthorizeResponses {

    private final TenantUrls urls;
    private final Directory directory;

    AuthorizeResponses(TenantUrls urls, Directory directory) {
        this.urls = urls;
        this.directory = directory;
    }

    String send(String redirectUri, String responseMode, String state, Map<String, String> values,
                HttpServletResponse response, Model model) {
        Map<String, String> all = new LinkedHashMap<>(values);
        if (state != null) {
            all.put("state", state);
        }
        response.setHeader("Cache-Control", "no-store");
        if ("form_post".equals(responseMode)) {
            model.addAttribute("action", redirectUri);
            model.addAttribute("fields", all);
            return "sandbox/form-post";
        }
        UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(redirectUri);
        all.forEach(uri::queryParam);
        return "redirect:" + uri.encode().build().toUriString();
    }

    String error(String redirectUri, String responseMode, String state, EntraException e, HttpServletResponse response,
                 Model model) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("error", e.error().error());
        values.put("error_description", e.description() + " Trace ID: " + CorrelationFilter.traceId()
                + " Correlation ID: " + MDC.get(CorrelationFilter.MDC_KEY));
        values.put("error_uri", urls.base() + "/error?code=" + e.error().code());
        if (e.error().suberror() != null) {
            values.put("suberror", e.error().suberror());
        }
        if (e.claims() != null) {
            values.put("claims", e.claims());
        }
        return send(redirectUri, responseMode, state, values, response, model);
    }

    String errorPage(EntraException e, HttpServletResponse response, Model model) {
        response.setStatus(e.error().status().value());
        model.addAttribute("org", directory.tenant());
        model.addAttribute("error", e.error().error());
        model.addAttribute("description", e.description());
        model.addAttribute("correlationId", MDC.get(CorrelationFilter.MDC_KEY));
        return "sandbox/error-page";
    }
}
