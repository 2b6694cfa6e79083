package dev.obo.sandbox.tenant;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a bad seed into Spring Boot's short start-up report instead of a stack trace. */
class SeedFailureAnalyzer extends AbstractFailureAnalyzer<InvalidSeedException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidSeedException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Fix the seed file, or point SANDBOX_SEED (sandbox.seed) at another one. docs/sandbox.md describes the format.", cause);
    }
}
