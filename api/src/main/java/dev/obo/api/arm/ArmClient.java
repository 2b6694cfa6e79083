package dev.obo.api.arm;

import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.apache.hc.client5.http.ConnectTimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.StreamUtils;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import dev.obo.api.ApiProperties;
import dev.obo.onbehalf.PooledHttpClients;
import dev.obo.onbehalf.OnBehalfOf;

/**
 * Calls Azure Resource Manager's {@code /subscriptions} with the user's ARM token (added, and
 * replaced once when ARM refuses a cached one, by the starter's interceptor):
 * connect and read timeouts; bounded retries of 429, 503 and connection failures that
 * honour {@code Retry-After} within a total time budget; {@code nextLink} pages followed
 * (up to a cap) and joined; the request's correlation id passed on. A list that came in one
 * page, exactly as the API answers it, is passed on as ARM's bytes ({@link CompleteList}).
 */
@Component
public class ArmClient {

    private static final Logger log = LoggerFactory.getLogger(ArmClient.class);
    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() { };
    /** Calls to ARM in flight at most; more wait for a connection (within the read timeout). */
    private static final int CONNECTIONS = 100;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Pattern SUBSCRIPTION_ID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final RestClient http;
    private final ApiProperties.Arm settings;
    private final JsonMapper json;
    private final MeterRegistry meters;
    private final Timer calls;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    ArmClient(ApiProperties properties, OnBehalfOf onBehalfOf, JsonMapper json, MeterRegistry meters) {
        this.settings = properties.arm();
        this.json = json;
        this.meters = meters;
        this.calls = Timer.builder("arm.requests.duration").description("Calls to ARM, each attempt").register(meters);
        ClientHttpRequestFactory factory = PooledHttpClients.requestFactory(settings.connectTimeout(), settings.readTimeout(), CONNECTIONS);
        // The caller's ARM token, got On-Behalf-Of them, is added by the starter's interceptor.
        this.http = RestClient.builder().requestFactory(factory).requestInterceptor(onBehalfOf.interceptor("arm")).build();
    }

    /** All of the caller's subscriptions, every page joined into one {@code value}, as the API's JSON answer. */
    public Subscriptions subscriptions() {
        byte[] firstPage = get(settings.subscriptionsUri());
        int alone = CompleteList.count(json, firstPage);
        if (alone != CompleteList.NO) {
            return new Subscriptions(firstPage, alone);
        }
        Map<String, Object> first = parse(firstPage);
        List<Object> value = new ArrayList<>(list(first.get("value")));
        Object next = first.get("nextLink");
        int pages = 1;
        while (next instanceof String link && pages < settings.maxPages()) {
            URI nextPage = URI.create(link);
            if (!sameOrigin(nextPage, settings.subscriptionsUri())) {
                // The user's ARM token goes to ARM only, never to a host a response names.
                throw ArmException.foreignNextLink(nextPage.getHost());
            }
            Map<String, Object> page = parse(get(nextPage));
            value.addAll(list(page.get("value")));
            next = page.get("nextLink");
            pages++;
        }
        if (next != null) {
            log.warn("event=arm_paging_capped pages={}", pages);
        }
        Map<String, Object> joined = new LinkedHashMap<>();
        joined.put("value", value);
        joined.put("count", Map.of("type", "Total", "value", value.size()));
        return new Subscriptions(json.writeValueAsBytes(joined), value.size());
    }

    /** The API's answer to {@code GET /subscriptions}: its JSON, and how many subscriptions it holds. */
    public record Subscriptions(byte[] json, int count) {
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme() != null && a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost() != null
                && a.getHost().equalsIgnoreCase(b.getHost()) && a.getPort() == b.getPort();
    }

    /** One subscription of the caller's. An id that is no subscription id is no subscription of theirs: 404, without a call. */
    public Map<String, Object> subscription(String subscriptionId) {
        if (!SUBSCRIPTION_ID.matcher(subscriptionId).matches()) {
            throw new ArmException("not a subscription id", 404, "SubscriptionNotFound", false, -1, null);
        }
        URI list = settings.subscriptionsUri();
        URI one = URI.create(list.getScheme() + "://" + list.getRawAuthority() + list.getRawPath() + "/"
                + URLEncoder.encode(subscriptionId, StandardCharsets.UTF_8)
                + (list.getRawQuery() == null ? "" : "?" + list.getRawQuery()));
        return parse(get(one));
    }

    /** A JSON object as a map; anything else (an empty or malformed body, say) as an empty one. */
    private Map<String, Object> parse(byte[] body) {
        try {
            Map<String, Object> object = body.length == 0 ? null : json.readValue(body, JSON_OBJECT);
            return object == null ? Map.of() : object;
        } catch (JacksonException | ClassCastException notAnObject) {
            return Map.of();
        }
    }

    /** A 2xx answer's body. */
    private byte[] get(URI uri) {
        Instant deadline = Instant.now().plus(settings.budget());
        for (int attempt = 1; ; attempt++) {
            Answer answer;
            Timer.Sample sample = Timer.start(meters);
            try {
                answer = call(uri);
            } catch (ResourceAccessException e) {
                // A connect timeout is a connection failure (retried); a read timeout means ARM is slow (504).
                boolean timeout = e.getCause() instanceof SocketTimeoutException && !(e.getCause() instanceof ConnectTimeoutException);
                count(timeout ? "timeout" : "unreachable");
                if (timeout) {
                    throw new ArmException("ARM did not answer within " + settings.readTimeout().toMillis() + " ms", 0, null, true, -1, e);
                }
                if (!retry(attempt, backoff(attempt), deadline)) {
                    throw new ArmException("ARM could not be reached: " + e.getMessage(), 0, null, false, -1, e);
                }
                continue;
            } finally {
                sample.stop(calls);
            }
            count(Integer.toString(answer.status()));
            if (answer.status() / 100 == 2) {
                return answer.body();
            }
            Map<String, Object> error = parse(answer.body());
            long retryAfter = answer.retryAfterSeconds();
            if ((answer.status() == 429 || answer.status() == 503)
                    && retry(attempt, retryAfter >= 0 ? Duration.ofSeconds(retryAfter) : backoff(attempt), deadline)) {
                continue;
            }
            Map<?, ?> details = error.get("error") instanceof Map<?, ?> given ? given : null;
            String code = details == null ? null : String.valueOf(details.get("code"));
            String message = details == null ? "" : String.valueOf(details.get("message"));
            throw new ArmException("ARM answered " + answer.status() + " " + code + ": " + message, answer.status(), code, false,
                    retryAfter, null);
        }
    }

    private Answer call(URI uri) {
        return http.get().uri(uri)
                .header("x-ms-correlation-request-id", MDC.get("correlationId"))
                .exchange((request, response) -> new Answer(response.getStatusCode().value(),
                        StreamUtils.copyToByteArray(response.getBody()), response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)));
    }

    /** Sleeps {@code wait} and answers true when another attempt is allowed and fits in the budget. */
    private boolean retry(int attempt, Duration wait, Instant deadline) {
        if (attempt >= settings.maxAttempts() || Instant.now().plus(wait).isAfter(deadline)) {
            return false;
        }
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        log.info("event=arm_retry attempt={} wait_ms={}", attempt + 1, wait.toMillis());
        return true;
    }

    private static Duration backoff(int attempt) {
        return FIRST_BACKOFF.multipliedBy(1L << Math.min(attempt - 1, 5));
    }

    /** One counter per status (an HTTP status, timeout or unreachable), looked up once, not on every call. */
    private void count(String status) {
        counters.computeIfAbsent(status, value -> meters.counter("arm.requests", "status", value)).increment();
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> list ? list : List.of();
    }

    /** One ARM answer. */
    private record Answer(int status, byte[] body, String retryAfter) {

        /** {@code Retry-After} in seconds (RFC 9110 section 10.2.3: delay-seconds or an HTTP-date), or -1. */
        long retryAfterSeconds() {
            if (retryAfter == null || retryAfter.isBlank()) {
                return -1;
            }
            try {
                return Math.max(0, Long.parseLong(retryAfter.trim()));
            } catch (NumberFormatException e) {
                try {
                    return Math.max(0, Duration.between(Instant.now(),
                            ZonedDateTime.parse(retryAfter.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant()).toSeconds());
                } catch (RuntimeException unparsable) {
                    return -1;
                }
            }
        }
    }
}
