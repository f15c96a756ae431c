package io.junction.bench;

import java.time.Duration;

/** The shape of the load, the same for both servers. */
record Load(int messageSize, int publishers, int subscribers, int requesters, int window, Duration drainTimeout) {
    static Load of(BenchOptions options) {
        return new Load(
                options.messageSize(),
                options.publishers(),
                options.subscribers(),
                options.requesters(),
                options.window(),
                options.drainTimeout());
    }

    byte[] payload() {
        return payload(messageSize);
    }

    /** Printable bytes, the same for every message and both servers. */
    static byte[] payload(int messageSize) {
        var payload = new byte[messageSize];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) ('a' + i % 26);
        }

        return payload;
    }
}
