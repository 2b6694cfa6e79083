package dev.obo.web;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The web app's test fixture: the real web app on the port the sandbox's seed registers
 * for it, against the real sandbox and API of {@link WebSystem}, the API named as the seed
 * names it ({@code FLASK_BACKEND_URL}: its subscriptions endpoint). The web app refreshes the
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
        // The seed's name and meaning: the URL of the API's subscriptions endpoint itself.
        registry.add("FLASK_BACKEND_URL", () -> system().apiUrl() + "/subscriptions");
        registry.add("obo.web.refresh-skew", () -> "3m");
    }

    protected WebUser user() {
        return new WebUser(system().webBase());
    }
}
