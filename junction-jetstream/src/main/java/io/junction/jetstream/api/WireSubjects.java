package io.junction.jetstream.api;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Subjects between JSON and the wire. The core keeps a subject as the bytes a client sent, one char per byte, as
 * nats-server treats subjects as bytes; JSON carries text. A subject in a stream or consumer configuration is
 * turned into the wire form when read, so it matches what clients publish (UTF-8 bytes), and back when written.
 */
public final class WireSubjects {
    private WireSubjects() {}

    public static String fromJson(String subject) {
        return subject == null
                ? null
                : new String(subject.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    public static String toJson(String subject) {
        return subject == null
                ? null
                : new String(subject.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    public static List<String> fromJson(List<String> subjects) {
        return subjects.stream().map(WireSubjects::fromJson).toList();
    }

    public static List<String> toJson(List<String> subjects) {
        return subjects.stream().map(WireSubjects::toJson).toList();
    }
}
