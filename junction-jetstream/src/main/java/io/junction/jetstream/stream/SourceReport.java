package io.junction.jetstream.stream;

import java.util.List;

/**
 * A mirror's or source's state in stream info, nats-server's {@code StreamSourceInfo}.
 *
 * @param filterSubject the source's filter, or null
 * @param subjectTransforms the source's transforms, empty for none
 * @param lag the origin's messages (matching the filter) not copied yet
 * @param active nanoseconds since the origin was last seen, or -1 when it never was
 * @param external the origin's JetStream as configured, or null for this one
 */
public record SourceReport(
        String name,
        String filterSubject,
        List<SubjectTransformConfig> subjectTransforms,
        long lag,
        long active,
        ExternalStream external) {
    public SourceReport {
        subjectTransforms = List.copyOf(subjectTransforms);
    }
}
