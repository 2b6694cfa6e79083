package dev.obo.web;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The web app's test fixture: the real web app on the port the sandbox's seed registers
 * for it, against the real sandbox and API of {@link WebSystem}. The web app refreshes the
 * API token before every call (refresh skew longer than the tokens' life), so refresh is
 * always exercised.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = "spring.config.name=" + WebApplication.CONFIG_NAME)
public abstract class WebTest {

    protected static WebSystem system() {
        return WebSystem.get();
    }

    @DynamicPropertySource
    static void system(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> system().webPort);
        registry.add("obo.web.authority", () -> system().authority());
        registry.add("obo.web.api-url", () -> system().apiUrl());
        registry.add("obo.web.refresh-skew", () -> "3m");
    }

    protected WebUser user() {
        return new WebUser(system().webBase());
    }
}
