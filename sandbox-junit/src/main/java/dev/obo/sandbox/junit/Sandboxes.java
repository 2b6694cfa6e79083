package dev.obo.sandbox.junit;

import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.core.annotation.MergedAnnotations;

/**
 * The sandboxes of this test run: one per seed-and-settings for {@link EntraSandbox.Lifecycle#PER_RUN}
 * (started on first use, stopped when the JVM ends), one per test class for
 * {@link EntraSandbox.Lifecycle#PER_CLASS}. The JUnit extension and the Spring test integration
 * find the same one here.
 */
final class Sandboxes {

    private static final Map<Setup, Sandbox> SHARED = new ConcurrentHashMap<>();
    private static final Map<Class<?>, Sandbox> PER_CLASS = new ConcurrentHashMap<>();

    private Sandboxes() {
    }

    /** What a test class asks for, by its {@link EntraSandbox} (inherited), or null without one. */
    static Setup setupOf(Class<?> testClass) {
        var annotation = MergedAnnotations.from(testClass, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY).get(EntraSandbox.class);
        if (!annotation.isPresent()) {
            return null;
        }
        EntraSandbox sandbox = annotation.synthesize();
        return new Setup(sandbox.lifecycle(), List.of(sandbox.seed()), List.of(sandbox.properties()));
    }

    /** The sandbox of {@code testClass}: its own, or the run's for its setup, started if need be. */
    static Sandbox of(Class<?> testClass, Setup setup) {
        if (setup.lifecycle() == EntraSandbox.Lifecycle.PER_CLASS) {
            return PER_CLASS.computeIfAbsent(testClass, c -> start(setup));
        }
        return SHARED.computeIfAbsent(setup, s -> {
            Sandbox started = start(s);
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "entra-sandbox-stop"));
            return started;
        });
    }

    /** Stops the class's own sandbox, if it has one. */
    static void endOf(Class<?> testClass) {
        Sandbox own = PER_CLASS.remove(testClass);
        if (own != null) {
            own.close();
        }
    }

    private static Sandbox start(Setup setup) {
        SandboxSeedBuilder seed = new SandboxSeedBuilder();
        for (Class<? extends SeedCustomizer> customizer : setup.seeds()) {
            try {
                customizer.getDeclaredConstructor().newInstance().customize(seed);
            } catch (InstantiationException | IllegalAccessException | InvocationTargetException | NoSuchMethodException e) {
                throw new IllegalStateException("@EntraSandbox(seed = " + customizer.getName()
                        + "): a seed customizer needs a public no-argument constructor", e);
            }
        }
        return Sandbox.start(seed, setup.properties().toArray(String[]::new));
    }

    /** A sandbox's setup: lifecycle, seeds and settings. Equal setups share a sandbox for the run. */
    record Setup(EntraSandbox.Lifecycle lifecycle, List<Class<? extends SeedCustomizer>> seeds, List<String> properties) {}
}
