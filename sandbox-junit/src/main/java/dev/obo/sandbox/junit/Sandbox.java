package dev.obo.sandbox.junit;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A running sandbox, as a test sees it: its URLs (Entra ID's endpoints for the tenant, ARM's
 * {@code /subscriptions}, Graph's {@code /v1.0/me}), tokens for its users, its admin operations
 * (key rollover, ARM, Graph and managed identity faults, revoking a user's sessions, disabling an account,
 * resetting a password, a settable clock, a restart with new keys, minting Kubernetes service account
 * tokens), what it counted (token requests by grant and outcome, federated client authentications,
 * managed identity token requests, calls to ARM and Graph, CAE challenges, key-set fetches) and the
 * clients it let in ({@link #clientAuthentications()}). Its secretless credentials: a Kubernetes
 * issuer per cluster ({@link #kubernetesIssuer}) and a managed identity endpoint in IMDS's and App
 * Service's shapes ({@link #managedIdentityEndpoint()}, {@link #appServiceIdentityEndpoint()}).
 */
public final class Sandbox implements AutoCloseable {

    private static final String APPLICATION = "dev.obo.sandbox.SandboxApplication";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = new JsonMapper();

    private final List<String> arguments;
    private final SettableClock clock = new SettableClock();
    private volatile ConfigurableApplicationContext context;
    private volatile int port;

    private Sandbox(List<String> arguments) {
        this.arguments = arguments;
    }

    /** A sandbox of one's own, with these seeds and settings, on a free port. */
    public static Sandbox start(SandboxSeedBuilder seed, String... properties) {
        List<String> arguments = new ArrayList<>(List.of("--spring.main.banner-mode=off"));
        List<String> seeds = new ArrayList<>();
        if (seed.keepsDefaultSeed()) {
            seeds.add("classpath:sandbox.yml");
        }
        if (!seed.isEmpty()) {
            seeds.add("file:" + seed.write());
        }
        arguments.add("--sandbox.seed=" + String.join(",", seeds));
        for (String property : properties) {
            arguments.add("--" + property);
        }
        Sandbox sandbox = new Sandbox(List.copyOf(arguments));
        sandbox.run(0);
        return sandbox;
    }

    /** The default seed and settings. */
    public static Sandbox start() {
        return start(new SandboxSeedBuilder());
    }

    private synchronized void run(int onPort) {
        SpringApplication application = application();
        application.addInitializers(context -> context.getBeanFactory().registerSingleton("clock", clock));
        List<String> all = new ArrayList<>(arguments);
        all.add("--server.port=" + onPort);
        context = application.run(all.toArray(String[]::new));
        port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    private static SpringApplication application() {
        try {
            return (SpringApplication) Class.forName(APPLICATION).getMethod("application").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the sandbox (dev.obo:sandbox) is not on the test classpath; add it beside "
                    + "onbehalf-sandbox-junit, in test scope", e);
        }
    }

    /** Stops it and starts it again on the same port: new signing keys, no sessions, no refresh tokens. */
    public synchronized void restart() {
        int samePort = port;
        context.close();
        run(samePort);
    }

    public int port() {
        return port;
    }

    /** {@code http://localhost:<port>}, the sandbox's base URL: Entra ID's, ARM's and Graph's. */
    public String base() {
        return "http://localhost:" + port;
    }

    public String tenant() {
        return DemoTenant.TENANT;
    }

    /** {@code {base}/{tenant}}, as {@code https://login.microsoftonline.com/{tenant}}. */
    public String authority() {
        return base() + "/" + tenant();
    }

    public String issuer() {
        return authority() + "/v2.0";
    }

    public String discoveryUri() {
        return issuer() + "/.well-known/openid-configuration";
    }

    public String authorizeEndpoint() {
        return authority() + "/oauth2/v2.0/authorize";
    }

    public String tokenEndpoint() {
        return authority() + "/oauth2/v2.0/token";
    }

    public String jwksUri() {
        return authority() + "/discovery/v2.0/keys";
    }

    /** ARM's {@code /subscriptions}, with an {@code api-version}. */
    public String armSubscriptionsUri() {
        return base() + "/subscriptions?api-version=2022-12-01";
    }

    public String graphMeUri() {
        return base() + "/v1.0/me";
    }

    /** A new access token for the demo API, for {@code username}, by the password grant through the web app. */
    public String userToken(String username) {
        return userToken(username, DemoTenant.API_SCOPE);
    }

    /** A new access token for {@code scope}, for {@code username}, by the password grant through the web app. */
    public String userToken(String username, String scope) {
        Map<String, Object> answer = token(Map.of("grant_type", "password", "client_id", DemoTenant.WEB,
                "client_secret", DemoTenant.WEB_SECRET, "username", username, "password", DemoTenant.PASSWORD, "scope", scope));
        Object token = answer.get("access_token");
        if (token == null) {
            throw new IllegalStateException("the sandbox gave " + username + " no token for " + scope + ": " + answer);
        }
        return token.toString();
    }

    /** The demo API's On-Behalf-Of request for {@code scope} with the user's {@code assertion}: the token endpoint's JSON answer. */
    public Map<String, Object> onBehalfOf(String assertion, String scope) {
        return token(Map.of("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer", "requested_token_use", "on_behalf_of",
                "client_id", DemoTenant.API, "client_secret", DemoTenant.API_SECRET, "assertion", assertion, "scope", scope));
    }

    /** A token request with {@code form} as its body: the token endpoint's JSON answer, success or error. */
    public Map<String, Object> token(Map<String, String> form) {
        return json(post(tokenEndpoint(), form));
    }

    /** Rolls the signing keys over: the pre-published next key signs; the old one stays published for a token's life. */
    public void rotateKeys() {
        send(HttpRequest.newBuilder(URI.create(base() + "/admin/keys/rotate")).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    /** ARM's next calls answer as {@code plan} says, e.g. {@code {"status":503,"count":2,"retryAfterSeconds":1}} or {@code {"latencyMs":500}}. */
    public void armFaults(String plan) {
        faults("/admin/management/faults", plan);
    }

    public void clearArmFaults() {
        send(HttpRequest.newBuilder(URI.create(base() + "/admin/management/faults")).DELETE().build());
    }

    /** Graph's next calls answer as {@code plan} says (as {@link #armFaults}). */
    public void graphFaults(String plan) {
        faults("/admin/graph/faults", plan);
    }

    public void clearGraphFaults() {
        send(HttpRequest.newBuilder(URI.create(base() + "/admin/graph/faults")).DELETE().build());
    }

    /**
     * Revokes every session and refresh token of the user, as Graph's {@code revokeSignInSessions}: tokens are
     * valid from now (the sandbox's clock, to the second) on. CAE tokens issued before are refused by ARM and Graph.
     * NOTE: a sandbox shared by the run keeps this for every later test; revoke in a sandbox of the class's own
     * ({@code lifecycle = PER_CLASS}) or for a user of the test's own seed.
     */
    public Account revokeSessions(String userPrincipalName) {
        return account(userPrincipalName, "revoke-sessions", null);
    }

    /** Disables the account (which revokes its sessions too): no grant, no sign-in, AADSTS50057. */
    public Account disable(String userPrincipalName) {
        return account(userPrincipalName, "disable", null);
    }

    /** Enables the account again; what disabling revoked stays revoked. */
    public Account enable(String userPrincipalName) {
        return account(userPrincipalName, "enable", null);
    }

    /** Resets the password, keeping it as it is (the demo users sign in again with theirs), which revokes the sessions. */
    public Account resetPassword(String userPrincipalName) {
        return account(userPrincipalName, "reset-password", null);
    }

    /** Resets the password to {@code password}, which revokes the sessions. */
    public Account resetPassword(String userPrincipalName, String password) {
        return account(userPrincipalName, "reset-password", JSON.writeValueAsString(Map.of("password", password)));
    }

    /** The sandbox's clock. */
    public SettableClock clock() {
        return clock;
    }

    /** Token requests of {@code grantType} that reached the sandbox, whatever their outcome. */
    public long tokenRequests(String grantType) {
        return counted("sandbox.token.requests", "grant", grantType);
    }

    /** Token requests of {@code grantType} with {@code outcome}: {@code issued}, or {@code AADSTS<code>}. */
    public long tokenRequests(String grantType, String outcome) {
        return meters().find("sandbox.token.requests").tag("grant", grantType).tag("outcome", outcome).counters().stream()
                .mapToLong(c -> (long) c.count()).sum();
    }

    /** On-Behalf-Of (jwt-bearer) requests. */
    public long oboRequests() {
        return tokenRequests("urn:ietf:params:oauth:grant-type:jwt-bearer");
    }

    /** Calls that reached the ARM stand-in. */
    public long armRequests() {
        return counted("sandbox.arm.requests", null, null);
    }

    /** Calls that reached the Graph stand-in. */
    public long graphRequests() {
        return counted("sandbox.graph.requests", null, null);
    }

    /** CAE tokens ARM refused with a claims challenge (a revoked session, a disabled account). */
    public long armCaeChallenges() {
        return counted("sandbox.arm.cae.challenges", null, null);
    }

    /** CAE tokens Graph refused with a claims challenge. */
    public long graphCaeChallenges() {
        return counted("sandbox.graph.cae.challenges", null, null);
    }

    /** Fetches of the tenant's key set (JWKS). */
    public long jwksRequests() {
        return meters().find("http.server.requests").tag("uri", "/{tenant}/discovery/v2.0/keys").timers().stream()
                .mapToLong(Timer::count).sum();
    }

    /** {@code {base}/kubernetes/{cluster}}: the issuer of that cluster's service account tokens. */
    public String kubernetesIssuer(String cluster) {
        return base() + "/kubernetes/" + cluster;
    }

    /**
     * A new service account token of {@code cluster} for {@code namespace}/{@code serviceAccount}, audience
     * {@code api://AzureADTokenExchange}, as the kubelet projects one; a negative {@code lifetime} gives one that
     * has already expired.
     */
    public String serviceAccountToken(String cluster, String namespace, String serviceAccount, Duration lifetime) {
        String body = JSON.writeValueAsString(Map.of("namespace", namespace, "serviceAccount", serviceAccount,
                "expiresInSeconds", lifetime.toSeconds()));
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base() + "/admin/kubernetes/" + cluster
                + "/service-account-tokens")).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
        if (response.statusCode() != 201) {
            throw new IllegalArgumentException("the sandbox minted no service account token: " + response.body());
        }
        return (String) json(response).get("token");
    }

    /** IMDS's token endpoint, {@code {base}/metadata/identity/oauth2/token} (callers send {@code Metadata: true}). */
    public String managedIdentityEndpoint() {
        return base() + "/metadata/identity/oauth2/token";
    }

    /** App Service's {@code IDENTITY_ENDPOINT}, {@code {base}/msi/token} (callers send {@link #identityHeaderSecret()} as {@code X-IDENTITY-HEADER}). */
    public String appServiceIdentityEndpoint() {
        return base() + "/msi/token";
    }

    /** App Service's {@code IDENTITY_HEADER}: the sandbox's {@code sandbox.managed-identity.header-secret}. */
    public String identityHeaderSecret() {
        return context.getEnvironment().getProperty("sandbox.managed-identity.header-secret");
    }

    /** The managed identity endpoint's next answers go as {@code plan} says (as {@link #armFaults}), in IMDS's error JSON. */
    public void managedIdentityFaults(String plan) {
        faults("/admin/managed-identity/faults", plan);
    }

    public void clearManagedIdentityFaults() {
        send(HttpRequest.newBuilder(URI.create(base() + "/admin/managed-identity/faults")).DELETE().build());
    }

    /** The last clients the token endpoint let in, newest first, with the decoded header and claims of their assertion. */
    public List<ClientAuthentication> clientAuthentications() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base() + "/admin/client-authentications")).GET().build());
        List<Map<String, Object>> seen = JSON.readValue(response.body(), new TypeReference<List<Map<String, Object>>>() { });
        return seen.stream().map(ClientAuthentication::of).toList();
    }

    /** Federated client authentications (workload identity federation) with {@code outcome}: {@code authenticated}, or {@code AADSTS<code>}. */
    public long federatedAuthentications(String outcome) {
        return counted("sandbox.federated.authentications", "outcome", outcome);
    }

    /** Requests to the managed identity endpoint (both shapes) with {@code outcome}: {@code issued}, or the HTTP status of the refusal. */
    public long managedIdentityTokenRequests(String outcome) {
        return counted("sandbox.managed-identity.token.requests", "outcome", outcome);
    }

    /** A person at a browser, without the browser. */
    public BrowserlessUser browser() {
        return BrowserlessUser.anywhere();
    }

    /** A bean of the running sandbox, for what its HTTP surface does not show (its signing key, say). */
    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public synchronized void close() {
        context.close();
    }

    private long counted(String meter, String tag, String value) {
        var search = meters().find(meter);
        if (tag != null) {
            search = search.tag(tag, value);
        }
        return search.counters().stream().mapToLong(c -> (long) c.count()).sum();
    }

    private MeterRegistry meters() {
        return context.getBean(MeterRegistry.class);
    }

    private Account account(String userPrincipalName, String operation, String body) {
        URI uri = URI.create(base() + "/admin/users/" + enc(userPrincipalName).replace("+", "%20") + "/" + operation);
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build());
        if (response.statusCode() != 200) {
            throw new IllegalArgumentException("the sandbox refused " + operation + " of " + userPrincipalName + ": " + response.body());
        }
        Map<String, Object> account = json(response);
        return new Account((String) account.get("userPrincipalName"), (Boolean) account.get("accountEnabled"),
                Instant.parse((String) account.get("tokensValidFrom")));
    }

    private void faults(String path, String plan) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base() + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(plan)).build());
        if (response.statusCode() != 200) {
            throw new IllegalArgumentException("the sandbox refused the fault plan " + plan + ": " + response.body());
        }
    }

    static HttpResponse<String> post(String uri, Map<String, String> form) {
        String body = form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(uri)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach the sandbox: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> json(HttpResponse<String> response) {
        try {
            return JSON.readValue(response.body(), new TypeReference<Map<String, Object>>() { });
        } catch (RuntimeException e) {
            throw new IllegalStateException("not JSON (" + response.statusCode() + "): " + response.body(), e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A user's account after an admin operation: enabled or not, and the time before which its tokens are not valid. */
    public record Account(String userPrincipalName, boolean accountEnabled, Instant tokensValidFrom) {}
}
