package dev.obo.onbehalf.token;

import dev.obo.onbehalf.OnBehalfOfException;

/** Entra answered On-Behalf-Of with {@code consent_required} (AADSTS65001): the user must consent first. */
public class ConsentRequiredException extends OnBehalfOfException {

    public ConsentRequiredException(String description) {
        super(description);
    }
}
