package io.junction.temporal.visibility;

/**
 * A list filter that Temporal would refuse. The message is the text Temporal puts in its INVALID_ARGUMENT status,
 * starting with {@code invalid query: }, so the gRPC layer can pass it through unchanged.
 */
public final class InvalidQueryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InvalidQueryException(String detail) {
        super("invalid query: " + detail);
    }

    static InvalidQueryException malformed(String detail) {
        return new InvalidQueryException("malformed SQL query: " + detail);
    }

    static InvalidQueryException invalidExpression(String detail) {
        return new InvalidQueryException("invalid expression: " + detail);
    }

    static InvalidQueryException notSupported(String detail) {
        return new InvalidQueryException("operation is not supported: " + detail);
    }
}
