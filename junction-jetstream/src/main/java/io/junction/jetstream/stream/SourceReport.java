package io.junction.jetstream.stream;

/**
 * A mirror's or source's state in stream info, nats-server's {@code StreamSourceInfo}.
 *
 * @param filterSubject the source's filter, or null
 * @param lag the origin's messages (matching the filter) not copied yet
 * @param active nanoseconds since the origin was last seen, or -1 when it never was
 */
public record SourceReport(String name, String filterSubject, long lag, long active) {}
