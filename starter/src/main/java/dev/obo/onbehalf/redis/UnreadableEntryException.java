package dev.obo.onbehalf.redis;

/** A value in Redis that this process cannot read: of another scheme, damaged, or sealed under another assertion. */
final class UnreadableEntryException extends RuntimeException {

    UnreadableEntryException(String message) {
        super(message, null, false, false);
    }
}
