package dev.obo.onbehalf.token;

import dev.obo.onbehalf.OnBehalfOfException;

/** The identity provider could not be reached, timed out, or failed (5xx): worth retrying later. */
public class IdentityProviderUnavailableException extends OnBehalfOfException {

    public IdentityProviderUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
