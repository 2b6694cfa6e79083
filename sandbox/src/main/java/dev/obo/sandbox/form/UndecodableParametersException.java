package dev.obo.sandbox.form;

/**
 * The request's parameters (its query string, or its {@code application/x-www-form-urlencoded}
 * body) do not decode, such as {@code a=%ZZ}: the client's mistake, answered 400 by
 * {@link RefusingFormContentFilter}.
 */
final class UndecodableParametersException extends RuntimeException {

    UndecodableParametersException(IllegalStateException cause) {
        // The container's message quotes the undecodable name and value; it is never passed on.
        super("the request's parameters do not decode", cause, false, false);
    }
}
