package dev.obo.api.obo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.Stream;

import com.nimbusds.jwt.JWTParser;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.obo.api.ApiApplication;
import dev.obo.api.RunningApi;
import dev.obo.sandbox.junit.DemoTenant;
import dev.obo.sandbox.junit.RedisServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two API instances and one Redis (Debian's {@code redis-server} on a free port): the instance of
 * the test context and a second one started beside it with the same settings. The OBO token cache's
 * second level, as the sandbox and Redis see it: a token one instance got serves the other; 100
 * concurrent first calls over both make one token request; Redis holds no token text and nothing past
 * the assertion's {@code exp}; Redis killed, or slow, under load fails no request, and once it is
 * back it is used again with no restart.
 */
@ExtendWith(OutputCaptureExtension.class)
class RedisTokenCacheIT extends RunningApi {

    private static final RedisServer REDIS = RedisServer.started();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<String> POINTED_AT_THE_SANDBOX = List.of("onbehalf.issuer", "onbehalf.authority",
            "onbehalf.downstream.graph.base-uri", "obo.api.arm.subscriptions-uri", "obo.api.graph.me-uri");
    private static final String RETRY_INTERVAL = "200ms";
    // Longer than the default 50 ms: on a busy 2-core machine a healthy Redis's answer can take that long, and these
    // tests are about what is shared, not how fast. The slow-Redis test sleeps Redis far longer than this.
    private static final String TIMEOUT = "250ms";
    private static ConfigurableApplicationContext second;

    @Autowired
    private Environment environment;

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.url", REDIS::url);
        registry.add("onbehalf.cache.l2.retry-interval", () -> RETRY_INTERVAL);
        registry.add("onbehalf.cache.l2.timeout", () -> TIMEOUT);
    }

    @BeforeEach
    void secondInstance() {
        if (second == null) {
            List<String> args = new ArrayList<>(List.of("--server.port=0", "--spring.data.redis.url=" + REDIS.url(),
                    "--onbehalf.cache.l2.retry-interval=" + RETRY_INTERVAL, "--onbehalf.cache.l2.timeout=" + TIMEOUT));
            POINTED_AT_THE_SANDBOX.forEach(name -> args.add("--" + name + "=" + environment.getProperty(name)));
            second = ApiApplication.application().run(args.toArray(String[]::new));
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
    void getSubscriptionsWhenTheOtherInstanceGotTheTokenThenAHitFromRedisAndNoSecondRequest() {
        String token = sandbox().userToken(DemoTenant.ALICE);
        long before = sandbox().oboRequests();

        HttpResponse<String> first = call(port, token);
        HttpResponse<String> other = call(secondPort(), token);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(other.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Server-Timing").orElseThrow()).contains("desc=\"miss\"");
        assertThat(other.headers().firstValue("Server-Timing").orElseThrow()).contains("desc=\"hit\"");
        assertThat(sandbox().oboRequests() - before).isEqualTo(1);
        assertThat(metric(secondPort(), "cache.gets", "cache:obo.tokens.l2", "result:hit")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void getSubscriptionsWhenHundredConcurrentFirstCallsOverTwoInstancesThenOneOnBehalfOfRequest() throws Exception {
        String token = sandbox().userToken(DemoTenant.BOB);
        long before = sandbox().oboRequests();

        List<Integer> statuses = concurrently(100, i -> call(i % 2 == 0 ? port : secondPort(), token).statusCode());

        assertThat(statuses).containsOnly(200);
        assertThat(sandbox().oboRequests() - before).isEqualTo(1);
    }

    @Test
    void redisWhenEntriesKeptThenNoTokenTextAndNoneOutlivesItsAssertion() throws Exception {
        String token = sandbox().userToken(DemoTenant.ALICE);
        assertThat(call(port, token).statusCode()).isEqualTo(200);
        Instant assertionExpiry = JWTParser.parse(token).getJWTClaimsSet().getExpirationTime().toInstant();
        String[] tokenParts = token.split("\\.");

        try (RedisClient client = RedisClient.create(REDIS.url()); StatefulRedisConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE)) {
            RedisCommands<byte[], byte[]> redis = connection.sync();
            List<byte[]> keys = redis.keys("*".getBytes(StandardCharsets.US_ASCII));
            assertThat(keys).isNotEmpty();
            for (byte[] key : keys) {
                String name = new String(key, StandardCharsets.US_ASCII);
                assertThat(name).as("keys are the SHA-256 cache key, never the assertion").matches("onbehalf:obo:(lock:)?[0-9a-f]{64}");
                if (name.contains(":lock:")) {
                    continue;
                }
                String value = new String(redis.get(key), StandardCharsets.ISO_8859_1);
                assertThat(value).startsWith("obo1;kid=assertion-hkdf-sha256;alg=A256GCM;").doesNotContain("eyJ")
                        .doesNotContain(tokenParts[1].substring(0, 24)).doesNotContain(tokenParts[2].substring(0, 24))
                        .doesNotContain(Base64.getEncoder().encodeToString("management.azure.com".getBytes(StandardCharsets.US_ASCII)))
                        .doesNotContain("management.azure.com");
                long ttlMillis = redis.pttl(key);
                assertThat(ttlMillis).as("a TTL, never past the assertion's exp").isPositive()
                        .isLessThanOrEqualTo(Duration.between(Instant.now(), assertionExpiry).toMillis() + 1000);
                String armToken = String.valueOf(sandbox().onBehalfOf(token, DemoTenant.ARM_SCOPE).get("access_token"));
                System.out.println("redis bytes per entry (MEMORY USAGE): " + redis.memoryUsage(key) + ", value " + value.length()
                        + ", ARM token " + armToken.length());
            }
        }
    }

    @Test
    void getSubscriptionsWhenRedisIsKilledUnderLoadThenNoFailedRequestAndOnceBackItIsUsedAgain(CapturedOutput output) throws Exception {
        List<String> users = List.of(DemoTenant.ALICE, DemoTenant.BOB);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger calls = new AtomicInteger();
        ExecutorService load = Executors.newFixedThreadPool(6);
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < 6; w++) {
            int worker = w;
            workers.add(load.submit(() -> {
                int n = 0;
                while (running.get()) {
                    // New assertions now and then, so that some calls need On-Behalf-Of while Redis is away.
                    String token = sandbox().userToken(users.get((worker + n) % users.size()));
                    for (int i = 0; i < 5 && running.get(); i++) {
                        int status = call((worker + i) % 2 == 0 ? port : secondPort(), token).statusCode();
                        calls.incrementAndGet();
                        if (status != 200) {
                            failures.incrementAndGet();
                        }
                    }
                    n++;
                }
                return null;
            }));
        }
        Thread.sleep(1000);
        REDIS.kill();
        Thread.sleep(2500);
        REDIS.start();
        Thread.sleep(2500);
        running.set(false);
        for (Future<?> worker : workers) {
            worker.get();
        }
        load.shutdown();

        assertThat(calls.get()).isGreaterThan(50);
        assertThat(failures.get()).as("failed requests of " + calls.get()).isZero();
        assertThat(metric(port, "onbehalf.cache.l2.errors") + metric(secondPort(), "onbehalf.cache.l2.errors")).isPositive();
        assertThat(Stream.of(output.getAll().split("\n")).filter(line -> line.contains("event=l2_unavailable")).count())
                .as("one line per instance for the outage, however it flaps while it comes back").isBetween(1L, 2L);

        // Back: a token one instance gets serves the other through Redis again.
        String token = sandbox().userToken(DemoTenant.ALICE);
        long before = sandbox().oboRequests();
        assertThat(call(port, token).statusCode()).isEqualTo(200);
        assertThat(call(secondPort(), token).headers().firstValue("Server-Timing").orElseThrow()).contains("desc=\"hit\"");
        assertThat(sandbox().oboRequests() - before).isEqualTo(1);
    }

    @Test
    void getSubscriptionsWhenRedisIsSlowThenServedWithoutIt() throws Exception {
        String cached = sandbox().userToken(DemoTenant.ALICE);
        assertThat(call(port, cached).statusCode()).isEqualTo(200);
        Thread.sleep(300); // past the retry interval of any earlier failure: Redis is asked again
        long errorsBefore = metric(port, "onbehalf.cache.l2.errors");
        Thread sleeper = new Thread(() -> {
            try (RedisClient client = RedisClient.create(REDIS.url())) {
                client.setDefaultTimeout(Duration.ofSeconds(5));
                client.connect().sync().dispatch(CommandType.DEBUG, new StatusOutput<>(StringCodec.UTF8),
                        new CommandArgs<>(StringCodec.UTF8).add("SLEEP").add("1.5"));
            }
        });
        sleeper.start();
        Thread.sleep(200);

        HttpResponse<String> fromMemory = call(port, cached);
        HttpResponse<String> newAssertion = call(port, sandbox().userToken(DemoTenant.BOB));
        boolean stillSleeping = sleeper.isAlive();
        sleeper.join();

        assertThat(stillSleeping).as("Redis was still asleep when both calls were answered").isTrue();
        assertThat(fromMemory.statusCode()).isEqualTo(200);
        assertThat(newAssertion.statusCode()).isEqualTo(200);
        assertThat(metric(port, "onbehalf.cache.l2.errors")).isGreaterThan(errorsBefore);
    }

    private int secondPort() {
        return Integer.parseInt(second.getEnvironment().getProperty("local.server.port"));
    }

    private static HttpResponse<String> call(int port, String token) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/subscriptions"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long metric(int port, String name, String... tags) {
        StringBuilder uri = new StringBuilder("http://localhost:" + port + "/actuator/metrics/" + name);
        for (int i = 0; i < tags.length; i++) {
            uri.append(i == 0 ? "?" : "&").append("tag=").append(tags[i]);
        }
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(uri.toString())).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 404) {
                return 0;
            }
            Map<String, Object> body = json(response);
            return Math.round(((Number) ((Map<?, ?>) ((List<?>) body.get("measurements")).get(0)).get("value")).doubleValue());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> List<T> concurrently(int count, IntFunction<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int index = i;
            futures.add(pool.submit(() -> {
                start.await();
                return call.apply(index);
            }));
        }
        start.countDown();
        List<T> results = new ArrayList<>();
        for (Future<T> future : futures) {
            results.add(future.get());
        }
        pool.shutdown();
        return results;
    }
}
