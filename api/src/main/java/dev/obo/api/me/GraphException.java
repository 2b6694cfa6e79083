package dev.obo.api.me;

/**
 * Microsoft Graph did not answer with the profile: its status ({@code 0} when it could not be
 * reached) and Graph's error {@code code}, and whether the failure is a passing one.
 */
public class GraphException extends RuntimeException {

    private final int status;
    private final String code;

    GraphException(String message, int status, String code, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** Graph unreachable, throttling or failing (5xx): worth retrying later. */
    public boolean passing() {
        return status == 0 || status == 429 || status >= 500;
    }
}
