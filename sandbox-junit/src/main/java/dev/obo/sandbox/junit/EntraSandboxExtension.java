package dev.obo.sandbox.junit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit 5 side of {@link EntraSandbox}: the class's sandbox is running before its first
 * test, a {@link Sandbox} parameter is injected wherever one is asked for, and a per-class
 * sandbox stops after the class.
 */
final class EntraSandboxExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    @Override
    public void beforeAll(ExtensionContext context) {
        sandbox(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Sandboxes.endOf(context.getRequiredTestClass());
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Sandbox.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return sandbox(context);
    }

    private static Sandbox sandbox(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        Sandboxes.Setup setup = Sandboxes.setupOf(testClass);
        if (setup == null) {
            throw new IllegalStateException(testClass.getName() + " has no @EntraSandbox");
        }
        return Sandboxes.of(testClass, setup);
    }
}
