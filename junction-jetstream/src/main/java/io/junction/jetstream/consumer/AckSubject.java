package io.junction.jetstream.consumer;

/**
 * The v1 ack reply subject, {@code $JS.ACK.<stream>.<consumer>.<delivered>.<stream_seq>.<consumer_seq>.<timestamp>
 * .<pending>}, which clients also read as the message's metadata.
 */
record AckSubject(long deliveries, long streamSequence, long consumerSequence) {
    static String format(
            String stream,
            String consumer,
            long deliveries,
            long streamSequence,
            long consumerSequence,
            long timestampNanos,
            long pending) {
        return "$JS.ACK." + stream + "." + consumer + "." + deliveries + "." + streamSequence + "." + consumerSequence
                + "." + timestampNanos + "." + pending;
    }

    /** Parses the numbers after the consumer's prefix, or null when they are not there. */
    static AckSubject parse(String subject, int prefixTokens) {
        var tokens = subject.split("\\.");
        if (tokens.length < prefixTokens + 3) {
            return null;
        }
        try {
            return new AckSubject(
                    Long.parseLong(tokens[prefixTokens]),
                    Long.parseLong(tokens[prefixTokens + 1]),
                    Long.parseLong(tokens[prefixTokens + 2]));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
