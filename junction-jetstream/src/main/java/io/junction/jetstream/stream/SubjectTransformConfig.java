package io.junction.jetstream.stream;

/**
 * nats-server's {@code SubjectTransformConfig}, {@code {"src","dest"}}: a stream's {@code subject_transform} or one
 * of a mirror's or source's {@code subject_transforms}. Kept as sent; an empty source means {@code >} and an empty
 * destination means no change.
 */
public record SubjectTransformConfig(String source, String destination) {
    public SubjectTransformConfig {
        source = source == null ? "" : source;
        destination = destination == null ? "" : destination;
    }
}
