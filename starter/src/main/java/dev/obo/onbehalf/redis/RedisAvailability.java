package dev.obo.onbehalf.redis;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The failure policy of the cache's second level: a Redis command that fails or takes longer than
 * the timeout never fails the request; it is counted ({@code onbehalf.cache.l2.errors}), and for the
 * retry interval after a failure Redis is not asked at all, so an outage costs the requests no
 * timeouts. Then the next command tries it again: Lettuce reconnects by itself, so a Redis that is
 * back is used at once, with no restart. An outage is logged once, at WARN, when it starts, and at
 * INFO when Redis has answered for {@link #QUIET} without a failure since (so a Redis that flaps
 * while it comes back is one outage in the log, not many).
 */
final class RedisAvailability {

    static final Duration QUIET = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(RedisAvailability.class);

    private final Clock clock;
    private final L2Properties properties;
    private final Counter errors;
    /** Until when Redis is skipped after its last failure. */
    private volatile Instant skippedUntil = Instant.MIN;
    /** The last failure of an outage not yet logged as over; {@code null} when there is none. */
    private final AtomicReference<Instant> outage = new AtomicReference<>();
    private final AtomicLong errorsInOutage = new AtomicLong();

    RedisAvailability(Clock clock, L2Properties properties, MeterRegistry meters) {
        this.clock = clock;
        this.properties = properties;
        this.errors = Counter.builder("onbehalf.cache.l2.errors").description("Redis commands of the token cache that failed or timed out")
                .register(meters);
    }

    /** The command's answer, or {@code orElse} when Redis fails, is slow, or is being skipped after a failure. */
    <T> T call(Supplier<T> command, T orElse) {
        Instant now = clock.instant();
        if (now.isBefore(skippedUntil)) {
            return orElse;
        }
        try {
            T answer = command.get();
            Instant lastFailure = outage.get();
            if (lastFailure != null && !now.isBefore(lastFailure.plus(QUIET)) && outage.compareAndSet(lastFailure, null)) {
                log.info("event=l2_available cache=obo.tokens errors_in_outage={}", errorsInOutage.getAndSet(0));
            }
            return answer;
        } catch (UnreadableEntryException e) {
            // A value this process cannot read is a miss, not an outage.
            return orElse;
        } catch (RuntimeException e) {
            // Spring's DataAccessException for what Lettuce raises, and whatever else: Redis never fails a request.
            errors.increment();
            errorsInOutage.incrementAndGet();
            skippedUntil = now.plus(properties.retryInterval());
            if (outage.getAndSet(now) == null) {
                log.warn("event=l2_unavailable cache=obo.tokens reason=\"{}\" action=\"serving from memory or On-Behalf-Of, "
                        + "trying Redis again every {} ms\"", rootMessage(e), properties.retryInterval().toMillis());
            }
            return orElse;
        }
    }
    void run(Runnable command) {
        call(() -> {
            command.run();
            return null;
        }, null);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
