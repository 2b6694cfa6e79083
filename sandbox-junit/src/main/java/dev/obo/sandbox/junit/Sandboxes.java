package dev.obo.sandbox.junit;

import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.util.ClassUtils;

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

    /** What a test class asks for, by its {@link EntraSandbox} (inherited, or its enclosing class's), or null without one. */
    static Setup setupOf(Class<?> testClass) {
        Class<?> owner = ownerOf(testClass);
        if (owner == null) {
            return null;
        }
        EntraSandbox sandbox = MergedAnnotations.from(owner, SearchStrategy.TYPE_HIERARCHY).get(EntraSandbox.class).synthesize();
        return new Setup(sandbox.lifecycle(), List.of(sandbox.seed()), List.of(sandbox.properties()));
    }

    /**
     * The class whose {@link EntraSandbox} holds for {@code testClass}: itself (the annotation on it or
     * a superclass), else, for a {@code @Nested} class, its enclosing class's; null if none has one.
     * A nested class shares the per-class sandbox of the class it is nested in.
     */
    static Class<?> ownerOf(Class<?> testClass) {
        for (Class<?> candidate = testClass; candidate != null;
                candidate = ClassUtils.isInnerClass(candidate) ? candidate.getEnclosingClass() : null) {
            if (MergedAnnotations.from(candidate, SearchStrategy.TYPE_HIERARCHY).isPresent(EntraSandbox.class)) {
                return candidate;
            }
        }
        return null;
    }

    /** The sandbox of {@code testClass}: its owner's own, or the run's for its setup, started if need be. */
    static Sandbox of(Class<?> testClass, Setup setup) {
        if (setup.lifecycle() == EntraSandbox.Lifecycle.PER_CLASS) {
            return PER_CLASS.computeIfAbsent(ownerOf(testClass), c -> start(setup));
        }
        return SHARED.computeIfAbsent(setup, s -> {
            Sandbox started = start(s);
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "entra-sandbox-stop"));
            return started;
        });
    }

    /** Stops the class's own sandbox, if it has one (a nested class's ends with its enclosing class). */
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
