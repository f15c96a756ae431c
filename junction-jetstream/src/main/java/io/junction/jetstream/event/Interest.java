package io.junction.jetstream.event;

import io.junction.nats.server.NatsServer;

/**
 * Whether anyone subscribes to one subject, asked again only after the subscription index changed: a consumer's
 * advisory subjects are checked on every ack of a sampled consumer, and a lookup that misses the index's cache
 * allocates. For one thread (the consumer's).
 */
final class Interest {
    private final NatsServer server;
    private final String subject;
    private long generation = -1;
    private boolean interested;

    Interest(NatsServer server, String subject) {
        this.server = server;
        this.subject = subject;
    }

    String subject() {
        return subject;
    }

    boolean exists() {
        // the generation is read first, so a change that lands during the lookup is seen by the next call
        var current = server.index().generation();
        if (current != generation) {
            interested = server.hasInterest(subject);
            generation = current;
        }
        return interested;
    }
}
