package dev.obo.sandbox.tenant;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;

import dev.obo.sandbox.SandboxApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The sandbox started on a seed that is not there: start-up fails, and says why in one line. */
class SeedFailureIT {

    @Test
    void startWhenSeedMissingThenApplicationFailsWithTheSeedProblem() {
        SpringApplication app = SandboxApplication.application();
        app.setWebApplicationType(WebApplicationType.NONE);

        assertThatThrownBy(() -> app.run("--sandbox.seed=file:/nonexistent/seed.yml"))
                .hasRootCauseInstanceOf(InvalidSeedException.class);
        assertThat(new SeedFailureAnalyzer().analyze(new InvalidSeedException("sandbox seed: x")).getDescription())
                .isEqualTo("sandbox seed: x");
    }
}
