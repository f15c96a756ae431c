package io.junction.jetstream.stream;

/**
 * nats-server's {@code RePublish}: after a message is stored, publish it on core NATS to the subject the transform
 * from {@code src} to {@code dest} gives, with the stream's headers; only the headers when {@code headersOnly}.
 * An empty source means {@code >}, as nats-server completes it.
 */
public record RePublish(String source, String destination, boolean headersOnly) {
    public RePublish {
        source = source == null || source.isEmpty() ? ">" : source;
        destination = destination == null ? "" : destination;
    }
}
