package dev.obo.onbehalf.token;

/** The identity provider refused the user's token as an assertion (expired, AADSTS500133; invalid, AADSTS50013): the caller needs a new one. */
public class AssertionRefusedException extends OnBehalfOfException {

    public AssertionRefusedException(String description) {
        super(description);
    }
}
