package dev.obo.sandbox.junit;

/** Adds to the sandbox's seed in code, for {@link EntraSandbox#seed()}: a public class with a no-argument constructor. */
@FunctionalInterface
public interface SeedCustomizer {

    void customize(SandboxSeedBuilder seed);
}
