package dev.obo.web;

import org.springframework.context.ConfigurableApplicationContext;

import dev.obo.api.ApiApplication;
import dev.obo.sandbox.junit.LocalSystem;
import dev.obo.sandbox.junit.Sandbox;

/**
 * The API, real, in this JVM, for the web app's full flows: one for the run, on a port fixed
 * for the run, so that a test can stop it and start it again and the web app, which names it by
 * that port, finds it once it is back. It is pointed at the run's sandbox by the settings an
 * operator would set ({@code AUTHORITY}, {@code ISSUER}, {@code AZURE_MANAGEMENT_SUBSCRIPTIONS_URI},
 * {@code GRAPH_BASE_URI}): it is started as the application it is, not as a Spring test context.
 */
public final class InProcessApi {

    private static final int PORT = LocalSystem.freePort();
    private static Sandbox sandbox;
    private static ConfigurableApplicationContext api;

    private InProcessApi() {
    }

    /** Starts it against {@code sandbox}, unless it is running. */
    static synchronized void startFor(Sandbox of) {
        sandbox = of;
        if (api == null || !api.isActive()) {
            start();
        }
    }

    public static synchronized void start() {
        api = ApiApplication.application().run("--server.port=" + PORT, "--spring.main.banner-mode=off",
                "--AUTHORITY=" + sandbox.authority(), "--ISSUER=" + sandbox.issuer(),
                "--AZURE_MANAGEMENT_SUBSCRIPTIONS_URI=" + sandbox.armSubscriptionsUri(), "--GRAPH_BASE_URI=" + sandbox.base());
    }

    public static synchronized void stop() {
        api.close();
    }

    public static int port() {
        return PORT;
    }

    /** {@code http://localhost:<port>}, the API's base URL. */
    public static String url() {
        return "http://localhost:" + PORT;
    }
}
