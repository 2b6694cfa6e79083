package dev.obo.web.session;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.session.Session;
import org.springframework.session.data.redis.RedisSessionRepository;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.obo.sandbox.junit.BrowserlessUser;
import dev.obo.sandbox.junit.DemoTenant;
import dev.obo.sandbox.junit.RedisServer;
import dev.obo.sandbox.junit.Sandbox;
import dev.obo.web.InProcessApi;
import dev.obo.web.RawHttp;
import dev.obo.web.WebApplication;
import dev.obo.web.WebIT;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two web app instances and one Redis (Debian's {@code redis-server} on a free port): the
 * instance of the test context ({@code web-a}) and a second one started beside it with the same
 * settings ({@code web-b}). A user signed in on one is signed in on the other; signing out on one
 * signs out on both; page loads of one session over both instances that all need a refresh never
 * use a refresh token twice; Redis holds no token, no secret, no session id and no name; Redis
 * away is a page that says so, and once it is back the user can sign in again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisSessionsIT extends WebIT {

    private static final RedisServer REDIS = RedisServer.started();
    private static final String KEY = randomKey();
    private static ConfigurableApplicationContext second;

    @Autowired
    private Environment environment;

    @Autowired
    private RedisSessionRepository sessions;

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        registry.add("REDIS_URL", REDIS::url);
        registry.add("SESSION_ENCRYPTION_KEY", () -> KEY);
        registry.add("INSTANCE_NAME", () -> "web-a");
    }

    @BeforeEach
    void secondInstance() {
        if (second == null) {
            second = WebApplication.application().run("--server.port=0", "--spring.main.banner-mode=off", "--REDIS_URL=" + REDIS.url(),
                    "--SESSION_ENCRYPTION_KEY=" + KEY, "--INSTANCE_NAME=web-b", "--obo.web.refresh-skew=3m",
                    "--obo.web.authority=" + environment.getProperty("obo.web.authority"),
                    "--FLASK_BACKEND_URL=" + InProcessApi.url() + "/subscriptions");
        }
    }

    @AfterAll
    static void stop() {
        if (second != null) {
            second.close();
            second = null;
        }
        REDIS.close();
    }

    @Test
    @Order(1)
    void homeWhenSignedInOnOneInstanceThenSignedInOnTheOtherAndEachPageNamesItsInstance() {
        BrowserlessUser alice = signedIn(DemoTenant.ALICE);

        BrowserlessUser.Page onA = alice.open(web("/"));
        BrowserlessUser.Page onB = alice.open(secondWeb("/"));

        assertThat(onA.text("#instance")).isEqualTo("web-a");
        assertThat(onB.text("#instance")).isEqualTo("web-b");
        assertThat(onA.document().select("#subscriptions tbody tr")).hasSize(2);
        assertThat(onB.document().select("#subscriptions tbody tr")).hasSize(2);
        assertThat(onB.text("h1")).isEqualTo("Hello, Alice Adams");
    }

    @Test
    @Order(2)
    void logoutWhenOnOneInstanceThenSignedOutOnTheOther() {
        BrowserlessUser bob = signedIn(DemoTenant.BOB);
        assertThat(bob.open(secondWeb("/")).document().select("#subscriptions tbody tr")).hasSize(1);

        bob.submit(bob.open(secondWeb("/")), "form[action='/account/logout']", Map.of());

        BrowserlessUser.Page onA = bob.open(web("/"));
        assertThat(onA.document().select("#subscriptions")).isEmpty();
        assertThat(onA.document().select("#sign-in")).hasSize(1);
        assertThat(onA.text("#instance")).isEqualTo("web-a");
    }

    @Test
    @Order(3)
    void homeWhenPageLoadsOfOneSessionOverBothInstancesNeedARefreshThenNoRefreshTokenIsReused(Sandbox sandbox) throws Exception {
        BrowserlessUser erin = signedIn(DemoTenant.ERIN);
        Map<String, String> cookie = Map.of("Cookie", erin.cookie("OBOSESSION"));
        long refreshes = sandbox.tokenRequests("refresh_token");
        long issued = sandbox.tokenRequests("refresh_token", "issued");
        long signIns = sandbox.tokenRequests("authorization_code");

        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        CompletableFuture<List<RawHttp.Answer>> onA = CompletableFuture.supplyAsync(() -> loads(new RawHttp(loopback, webPort()), cookie));
        CompletableFuture<List<RawHttp.Answer>> onB = CompletableFuture.supplyAsync(() -> loads(new RawHttp(loopback, secondPort()), cookie));
        List<RawHttp.Answer> pages = new ArrayList<>(onA.get());
        pages.addAll(onB.get());

        assertThat(pages).allSatisfy(page -> {
            assertThat(page.status()).isEqualTo(200);
            assertThat(Jsoup.parse(page.body()).select("#subscriptions tbody tr")).hasSize(12);
        });
        long burst = sandbox.tokenRequests("refresh_token") - refreshes;
        assertThat(sandbox.tokenRequests("refresh_token", "issued") - issued).as("refreshes that succeeded").isEqualTo(burst);
        assertThat(burst).as("refreshes for %d page loads over two instances", pages.size()).isBetween(1L, pages.size() - 1L);
        assertThat(erin.open(secondWeb("/")).document().select("#subscriptions tbody tr")).as("still signed in").hasSize(12);
        assertThat(sandbox.tokenRequests("authorization_code")).as("no one signed in again").isEqualTo(signIns);
    }

    @Test
    @Order(4)
    @SuppressWarnings("unchecked")
    void redisWhenSignedInThenHoldsNoTokenNoSecretNoSessionIdAndNoName() {
        BrowserlessUser alice = signedIn(DemoTenant.ALICE);
        alice.open(secondWeb("/"));
        String cookie = alice.cookie("OBOSESSION").substring("OBOSESSION=".length());
        // Spring Session's cookie is the base64 of the session id.
        String sessionId = new String(Base64.getDecoder().decode(cookie + "=".repeat((4 - cookie.length() % 4) % 4)), StandardCharsets.UTF_8);
        // The real values of this sign-in, read back through the app's own (sealing) repository.
        Session session = sessions.findById(sessionId);
        OAuth2AuthorizedClient client = ((Map<String, OAuth2AuthorizedClient>) session.getAttribute(RedisRefreshLease.AUTHORIZED_CLIENTS))
                .get("entra");
        OidcUser user = (OidcUser) ((SecurityContext) session.getAttribute(
                HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY)).getAuthentication().getPrincipal();

        Dump redis = dump();

        assertThat(redis.text()).doesNotContain("eyJ")
                .doesNotContain(client.getAccessToken().getTokenValue())
                .doesNotContain(client.getRefreshToken().getTokenValue())
                .doesNotContain(user.getIdToken().getTokenValue())
                .doesNotContain(DemoTenant.WEB_SECRET)
                .doesNotContain(sessionId).doesNotContain(cookie)
                .doesNotContain(DemoTenant.ALICE).doesNotContain("Alice Adams").doesNotContain(user.getSubject());
        assertThat(redis.values()).as("every value sealed").isNotEmpty()
                .allSatisfy(value -> assertThat(new String(value, 0, 9, StandardCharsets.US_ASCII)).isEqualTo("obs1;kid="));
        System.out.printf("Redis: %d keys, %d values, %d bytes of values (largest %d); a session's key: %d bytes by MEMORY USAGE%n",
                redis.keys(), redis.values().size(), redis.values().stream().mapToInt(v -> v.length).sum(),
                redis.values().stream().mapToInt(v -> v.length).max().orElse(0), redis.sessionMemory());
    }

    @Test
    @Order(5)
    void homeWhenRedisIsDownThenAPageThatSaysSoAndOnceBackSignInWorksAgain() throws Exception {
        BrowserlessUser bob = signedIn(DemoTenant.BOB);
        REDIS.kill();
        try {
            BrowserlessUser.Page down = bob.open(secondWeb("/"));

            assertThat(down.status()).isEqualTo(503);
            assertThat(down.header("Retry-After")).isEqualTo("5");
            assertThat(down.document().select("#session-store-unavailable")).hasSize(1);
            assertThat(down.text("#instance")).isEqualTo("web-b");
        } finally {
            REDIS.start();
        }
        // The Redis of this test keeps nothing across a restart: the session is gone, not broken.
        BrowserlessUser.Page back = awaitRedisAgain(bob, secondWeb("/"));
        assertThat(back.document().select("#sign-in")).hasSize(1);
        // Still signed in at the identity provider: signing in again needs no password.
        assertThat(bob.open(secondWeb("/account/login")).document().select("#subscriptions tbody tr")).hasSize(1);
        assertThat(awaitRedisAgain(bob, web("/")).document().select("#subscriptions tbody tr")).hasSize(1);
    }

    private static BrowserlessUser.Page awaitRedisAgain(BrowserlessUser user, String url) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(40));
        BrowserlessUser.Page page = user.open(url);
        while (page.status() == 503 && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
            page = user.open(url);
        }
        assertThat(page.status()).as("once Redis is back").isEqualTo(200);
        return page;
    }

    private static List<RawHttp.Answer> loads(RawHttp http, Map<String, String> cookie) {
        try {
            return http.getAtOnce(4, "/", cookie);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private int secondPort() {
        return ((WebServerApplicationContext) second).getWebServer().getPort();
    }

    private String secondWeb(String path) {
        return "http://localhost:" + secondPort() + path;
    }

    /** Every key, field and value in Redis, as bytes, read with no serializer. */
    private static Dump dump() {
        RedisClient client = RedisClient.create(REDIS.url());
        try (StatefulRedisConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE)) {
            RedisCommands<byte[], byte[]> redis = connection.sync();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            List<byte[]> values = new ArrayList<>();
            long sessionMemory = 0;
            List<byte[]> keys = redis.keys("*".getBytes(StandardCharsets.US_ASCII));
            for (byte[] key : keys) {
                all.writeBytes(key);
                if ("hash".equals(redis.type(key))) {
                    sessionMemory = Math.max(sessionMemory, redis.memoryUsage(key));
                    redis.hgetall(key).forEach((field, value) -> {
                        all.writeBytes(field);
                        all.writeBytes(value);
                        if (value.length > 0) {
                            values.add(value);
                        }
                    });
                } else if ("string".equals(redis.type(key))) {
                    all.writeBytes(redis.get(key));
                }
            }
            return new Dump(all.toString(StandardCharsets.ISO_8859_1), values, keys.size(), sessionMemory);
        } finally {
            client.shutdown();
        }
    }

    private record Dump(String text, List<byte[]> values, int keys, long sessionMemory) {
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
