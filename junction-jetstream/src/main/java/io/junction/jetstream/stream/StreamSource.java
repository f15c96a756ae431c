package io.junction.jetstream.stream;

import java.time.Instant;

/**
 * A stream that a mirror copies or a stream sources from, on this server, in nats-server's {@code StreamSource}
 * terms.
 *
 * @param optStartSeq the first origin sequence to copy, 0 for none
 * @param optStartTime copy from the first origin message at or after this time, or null
 * @param filterSubject copy only the origin's messages on this subject, or null for all
 */
public record StreamSource(String name, long optStartSeq, Instant optStartTime, String filterSubject) {
    private static final String ALL = ">";

    public StreamSource {
        filterSubject = filterSubject == null || filterSubject.isEmpty() ? null : filterSubject;
    }

    /**
     * nats-server's index name, {@code <stream> <filter> <destination>}, which tells sources of one stream apart;
     * the {@code Nats-Stream-Source} header carries it around the origin sequence.
     */
    public String indexName() {
        return name + " " + (filterSubject == null ? ALL : filterSubject) + " " + ALL;
    }

    /** The {@code Nats-Stream-Source} value for the message at this origin sequence, as nats-server 2.10 writes it. */
    String header(long originSequence) {
        return name + " " + originSequence + " " + (filterSubject == null ? ALL : filterSubject) + " " + ALL;
    }
}
