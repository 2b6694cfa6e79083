package dev.obo.api.arm;

/**
 * ARM did not answer with the subscriptions: {@code status} and ARM's error {@code code}
 * as ARM sent them ({@code 0} and {@code null} when it could not be reached), whether the
 * call timed out, the {@code Retry-After} seconds ARM asked for (or -1), and whether the
 * failure is a passing one.
 */
public class ArmException extends RuntimeException {

    private final int status;
    private final String code;
    private final boolean timedOut;
    private final long retryAfterSeconds;
    private final boolean passing;

    ArmException(String message, int status, String code, boolean timedOut, long retryAfterSeconds, Throwable cause) {
        this(message, status, code, timedOut, retryAfterSeconds, timedOut || status == 0 || status == 429 || status >= 500, cause);
    }

    private ArmException(String message, int status, String code, boolean timedOut, long retryAfterSeconds, boolean passing,
                         Throwable cause) {
        super(message, cause);
        this.passing = passing;
        this.status = status;
        this.code = code;
        this.timedOut = timedOut;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public boolean timedOut() {
        return timedOut;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /**
     * Whether this is a passing outage, worth retrying later: ARM unreachable, slow, throttling or
     * failing (5xx). A refusal (4xx) or a misbehaving answer is not.
     */
    public boolean passing() {
        return passing;
    }

    /** ARM answered with a {@code nextLink} to another host: never followed with the user's token, and not a passing failure. */
    static ArmException foreignNextLink(String host) {
        return new ArmException("ARM's nextLink points to another host: " + host, 200, "ForeignNextLink", false, -1, false, null);
    }
}
