package dev.obo.sandbox.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the sandbox (Entra ID's v2 endpoints, ARM's {@code /subscriptions}, Graph's {@code /v1.0/me})
 * in this JVM on a free port for the annotated test class, and injects a {@link Sandbox} into
 * its test methods, constructors and lifecycle methods. In a {@code @SpringBootTest}, the
 * application's settings that name Entra ID, ARM or Graph (or the sandbox's default
 * {@code http://localhost:9000}) are pointed at it, so the application needs no test-only
 * configuration.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(EntraSandboxExtension.class)
public @interface EntraSandbox {

    /** One sandbox for the whole test run (default), or one for this class alone. */
    Lifecycle lifecycle() default Lifecycle.PER_RUN;

    /** Seeds built in code, laid over the default seed in order. */
    Class<? extends SeedCustomizer>[] seed() default {};

    /** Settings of the sandbox, {@code name=value}, e.g. {@code sandbox.identity.access-token-lifetime=PT2M}. */
    String[] properties() default {};

    /** How long a sandbox lives. */
    enum Lifecycle {
        /** Shared by every test class of the run with the same seed and settings, stopped at the end. */
        PER_RUN,
        /** Started for this class and stopped after it. With Spring, a context per class then follows. */
        PER_CLASS
    }
}
