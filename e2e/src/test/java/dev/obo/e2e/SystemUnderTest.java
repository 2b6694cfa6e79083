package dev.obo.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import dev.obo.sandbox.junit.DemoTenant;
import dev.obo.sandbox.junit.LocalSystem;

/**
 * The whole system as {@code ./demo} runs it: sandbox, API and web app as three processes
 * from their executable jars, on free ports, pointed at each other by the settings
 * {@code ./demo} sets, each logging to {@code e2e/target/logs/}. The sandbox's own seed serves:
 * it matches the web app's redirect URI on any loopback port. The API can be stopped and
 * started again, and the sandbox's admin operations on a user called over HTTP, as curl would.
 */
final class SystemUnderTest implements AutoCloseable {

    private final LocalSystem processes = new LocalSystem(Path.of(".."), Path.of("target", "logs"));
    private final int sandboxPort = LocalSystem.freePort();
    private final int apiPort = LocalSystem.freePort();
    private final int webPort = LocalSystem.freePort();

    SystemUnderTest() throws IOException {
        processes.start("sandbox", "sandbox/target/sandbox-exec.jar", sandboxPort, List.of());
        startApi();
        processes.start("web", "web/target/web-exec.jar", webPort, List.of("--AUTHORITY=" + authority(),
                "--API_URL=http://localhost:" + apiPort));
    }

    String web() {
        return "http://localhost:" + webPort;
    }

    String authority() {
        return sandbox() + "/" + DemoTenant.TENANT;
    }

    void stopApi() throws InterruptedException {
        processes.stop("api");
    }

    void startApi() throws IOException {
        processes.start("api", "api/target/api-exec.jar", apiPort, List.of("--AUTHORITY=" + authority(), "--ISSUER=" + authority() + "/v2.0",
                "--AZURE_MANAGEMENT_SUBSCRIPTIONS_URI=" + sandbox() + "/subscriptions?api-version=2022-12-01",
                "--GRAPH_BASE_URI=" + sandbox()));
    }

    /**
     * {@code POST {sandbox}/admin/users/{upn}/{operation}} with no body, as
     * {@code curl -X POST http://localhost:9000/admin/users/alice@onbehalf.test/revoke-sessions}: the answer's JSON.
     */
    String adminUser(String userPrincipalName, String operation) throws IOException, InterruptedException {
        URI uri = URI.create(sandbox() + "/admin/users/" + URLEncoder.encode(userPrincipalName, StandardCharsets.UTF_8) + "/" + operation);
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException(operation + " of " + userPrincipalName + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return answer.body();
    }

    private String sandbox() {
        return "http://localhost:" + sandboxPort;
    }

    @Override
    public void close() {
        processes.close();
    }
}
