package dev.obo.sandbox.form;

import java.util.Enumeration;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * A request whose parameters, when they do not decode, raise {@link UndecodableParametersException}
 * wherever they are first read (a controller's {@code @RequestParam}, {@code getParameterMap()},
 * Spring's form body of a POST). Tomcat 11 parses the parameters on first use and throws an
 * {@link IllegalStateException} ({@code InvalidParameterException}) from every {@code getParameter*}
 * call when they do not decode; that is the one failure these calls have.
 */
final class ParameterCheckingRequest extends HttpServletRequestWrapper {

    ParameterCheckingRequest(HttpServletRequest request) {
        super(request);
    }

    @Override
    public String getParameter(String name) {
        return checked(() -> super.getParameter(name));
    }

    @Override
    public Map<String, String[]> getParameterMap() {
        return checked(super::getParameterMap);
    }

    @Override
    public Enumeration<String> getParameterNames() {
        return checked(super::getParameterNames);
    }

    @Override
    public String[] getParameterValues(String name) {
        return checked(() -> super.getParameterValues(name));
    }

    private static <T> T checked(Supplier<T> read) {
        try {
            return read.get();
        } catch (IllegalStateException e) {
            throw new UndecodableParametersException(e);
        }
    }
}
