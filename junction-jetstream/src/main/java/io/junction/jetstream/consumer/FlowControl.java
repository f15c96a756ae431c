package io.junction.jetstream.consumer;

/**
 * Push flow control as nats-server does it: after every {@code window} bytes delivered, a {@code 100 FlowControl
 * Request} goes out with a {@code $JS.FC} reply subject; delivery stalls once another window is out while that request
 * is unanswered, and resumes when the client answers it.
 *
 * <p>Confined to the consumer's executor.
 */
final class FlowControl {
    private final String prefix;
    private final long window;
    private long bytesSinceRequest;
    private long requests;
    private String outstanding;

    FlowControl(String stream, String consumer, long window) {
        this.prefix = "$JS.FC." + stream + "." + consumer + ".";
        this.window = window;
    }

    /** The subject the consumer listens on for answers. */
    String subscription() {
        return prefix + "*";
    }

    boolean isStalled() {
        return outstanding != null && bytesSinceRequest >= window;
    }

    /** The request's reply subject while one is unanswered, for {@code Nats-Consumer-Stalled}. */
    String outstanding() {
        return outstanding;
    }

    /** Counts a delivery; returns the reply subject of a request to send now, or null. */
    String delivered(long bytes) {
        bytesSinceRequest += bytes;
        if (outstanding != null || bytesSinceRequest < window) {
            return null;
        }
        outstanding = prefix + ++requests;
        bytesSinceRequest = 0;
        return outstanding;
    }

    /** An answer arrived; true when it released a stall. */
    boolean answered(String subject) {
        if (!subject.equals(outstanding)) {
            return false;
        }
        var wasStalled = isStalled();
        outstanding = null;
        return wasStalled;
    }
}
