package dev.obo.web.apiclient;

/** The API failed or could not be reached: its status (503 when unreachable), and what it said (title and detail). */
public class ApiFailureException extends RuntimeException {

    private final int status;
    private final String title;
    private final String detail;

    public ApiFailureException(int status, String title, String detail) {
        super(title);
        this.status = status;
        this.title = title;
        this.detail = detail;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return detail;
    }

    /** Whether the same call may pass later: the API failed or throttled, rather than refused the request. */
    public boolean retryable() {
        return status >= 500 || status == 408 || status == 429;
    }
}
