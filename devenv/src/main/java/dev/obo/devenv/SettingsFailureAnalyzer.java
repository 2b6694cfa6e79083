package dev.obo.devenv;

import java.util.stream.Collectors;

import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.validation.FieldError;

/** A setting that fails validation stops start-up with one line per setting, named as it is set: {@code obo.api.client-id}. */
// Before Spring Boot's own analyzer of the same exception, whatever the classpath order.
@Order(Ordered.HIGHEST_PRECEDENCE)
public class SettingsFailureAnalyzer extends AbstractFailureAnalyzer<BindValidationException> {

    @Override
    public FailureAnalysis analyze(Throwable rootFailure, BindValidationException cause) {
        String lines = cause.getValidationErrors().getAllErrors().stream()
                .map(error -> error instanceof FieldError field
                        ? "Setting " + cause.getValidationErrors().getName() + "." + kebab(field.getField()) + " = '"
                                + field.getRejectedValue() + "' " + field.getDefaultMessage()
                        : "Settings " + cause.getValidationErrors().getName() + ": " + error.getDefaultMessage())
                .collect(Collectors.joining("\n"));
        return new FailureAnalysis(lines, "Set it in the environment (see docs/configuration.md for each setting's variable) or in development.env.", cause);
    }

    /** What start-up reports for {@code failure}: this analysis of an invalid setting, and every cause's message. */
    public static String describe(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BindValidationException invalid) {
                all.append(new SettingsFailureAnalyzer().analyze(failure, invalid).getDescription()).append('\n');
            }
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }

    public static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
