package io.junction.temporal.visibility;

/**
 * A search attribute name, type or value that Temporal would refuse. The message is Temporal's INVALID_ARGUMENT
 * text (for example {@code search attribute Foo is not defined}); map it to that status unchanged.
 */
public final class InvalidSearchAttributeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InvalidSearchAttributeException(String message) {
        super(message);
    }
}
