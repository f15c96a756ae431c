package io.junction.bench;

import java.time.Duration;

/** The shape of the JetStream load, the same for every server. */
record JetStreamLoad(
        int messageSize,
        int publishers,
        int window,
        int batch,
        int prefill,
        int keys,
        int kvClients,
        Duration drainTimeout) {
    static JetStreamLoad of(JetStreamOptions options) {
        return new JetStreamLoad(
                options.messageSize(),
                options.publishers(),
                options.window(),
                options.batch(),
                options.prefill(),
                options.keys(),
                options.kvClients(),
                options.drainTimeout());
    }

    byte[] payload() {
        return Load.payload(messageSize);
    }
}
