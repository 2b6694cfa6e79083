package dev.obo.sandbox.identity.authorize;

import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;

import org.springframework.core.annotation.Order;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.ui.ExtendedModelMap;
import org.springframework.web.servlet.View;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import dev.obo.sandbox.form.MalformedRequestAnswer;
import dev.obo.sandbox.identity.error.EntraError;
import dev.obo.sandbox.identity.error.EntraException;

/**
 * The answer of the pages a browser is sent to or posts to (authorize, sign-in, second factor,
 * consent, logout) to parameters they cannot read: the sandbox's error page with AADSTS9002313,
 * HTTP 400, as for any other request that cannot be sent back to the client.
 */
@Component
// Before EntraErrorAdvice, which answers every path in JSON.
@Order(0)
class ErrorPageAnswer implements MalformedRequestAnswer {

    private static final List<PathPattern> PAGES = Stream.of(AuthorizeController.AUTHORIZE, AuthorizeController.LOGIN,
            AuthorizeController.MFA, AuthorizeController.CONSENT, LogoutController.PATH).map(PathPatternParser.defaultInstance::parse).toList();

    private final AuthorizeResponses responses;
    private final ThymeleafViewResolver views;

    ErrorPageAnswer(AuthorizeResponses responses, ThymeleafViewResolver views) {
        this.responses = responses;
        this.views = views;
    }

    @Override
    public boolean answers(HttpServletRequest request) {
        PathContainer path = PathContainer.parsePath(request.getRequestURI().substring(request.getContextPath().length()));
        return PAGES.stream().anyMatch(page -> page.matches(path));
    }

    @Override
    public void answer(String reason, HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        ExtendedModelMap model = new ExtendedModelMap();
        String name = responses.errorPage(new EntraException(EntraError.MALFORMED_REQUEST, reason), response, model);
        try {
            View page = views.resolveViewName(name, request.getLocale());
            page.render(model, request, response);
        } catch (IOException | ServletException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new ServletException("cannot render " + name, e);
        }
    }
}
