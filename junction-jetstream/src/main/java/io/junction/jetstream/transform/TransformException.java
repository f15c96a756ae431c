package io.junction.jetstream.transform;

/**
 * A subject transform that cannot be built; the message is nats-server's error text, such as {@code invalid subject}
 * or {@code invalid mapping destination: wildcard index out of range in {{wildcard(2)}}}, which callers wrap into
 * the API error nats-server answers with.
 */
public final class TransformException extends RuntimeException {
    TransformException(String message) {
        super(message, null, false, false);
    }

    static TransformException badSubject() {
        return new TransformException("invalid subject");
    }

    /** nats-server's {@code mappingDestinationErr}: the reason, then the destination token it was found in. */
    static TransformException destination(String reason, String token) {
        return new TransformException("invalid mapping destination: " + reason + " in " + token);
    }
}
