package dev.obo.api.arm;

/**
 * ARM did not answer with the subscriptions: {@code status} and ARM's error {@code code}
 * as ARM sent them ({@code 0} and {@code null} when it could not be reached), whether the
 * call timed out, and the {@code Retry-After} seconds ARM asked for (or -1).
 */
public class ArmException extends RuntimeException {

    private final int status;
    private final String code;
    private final boolean timedOut;
    private final long retryAfterSeconds;

    ArmException(String message, int status, String code, boolean timedOut, long retryAfterSeconds, Throwable cause) {
        super(message, cause);
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
}
