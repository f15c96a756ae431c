package io.junction.jetstream.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.junction.jetstream.api.ApiError;
import io.junction.jetstream.api.ApiException;
import io.junction.jetstream.api.Json;
import io.junction.jetstream.transform.SubjectTransform;
import io.junction.jetstream.transform.TransformException;
import io.junction.nats.subject.Subjects;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.Function;

/**
 * Reads, checks and writes a stream's {@code subject_transform} and {@code republish}, and checks the transforms of
 * its mirror and sources when the stream is created or updated, with nats-server 2.10's errors: the configuration
 * check answers 10052, and what 2.10 finds only while it builds the stream answers 10049 on create and 10069 on
 * update, with the texts it gives there.
 */
public final class StreamTransforms {
    private StreamTransforms() {}

    static SubjectTransformConfig readSubjectTransform(JsonNode json) {
        var node = Json.objectField(json, "subject_transform");
        return node == null ? null : readTransform(node);
    }

    static SubjectTransformConfig readTransform(JsonNode node) {
        return new SubjectTransformConfig(Json.text(node, "src", ""), Json.text(node, "dest", ""));
    }

    static RePublish readRePublish(JsonNode json) {
        var node = Json.objectField(json, "republish");
        if (node == null) {
            return null;
        }
        return new RePublish(
                Json.text(node, "src", ""), Json.text(node, "dest", ""), Json.bool(node, "headers_only", false));
    }

    static void write(ObjectNode json, StreamConfig config) {
        var transform = config.subjectTransform();
        if (transform != null) {
            writeTransform(json.putObject("subject_transform"), transform);
        }
        var republish = config.republish();
        if (republish != null) {
            var node = json.putObject("republish");
            node.put("src", republish.source());
            node.put("dest", republish.destination());
            if (republish.headersOnly()) {
                node.put("headers_only", true);
            }
        }
    }

    static void writeTransform(ObjectNode json, SubjectTransformConfig transform) {
        json.put("src", transform.source());
        json.put("dest", transform.destination());
    }

    /** nats-server's check of {@code republish}: its destination must not overlap the stream's subjects. */
    static void checkRePublish(RePublish republish, List<String> subjects) {
        if (republish == null) {
            return;
        }
        for (var subject : subjects) {
            if (!republish.destination().isEmpty() && Subjects.overlaps(republish.destination(), subject)) {
                throw ApiError.invalidStreamConfig("stream configuration for republish destination forms a cycle")
                        .exception();
            }
        }
        try {
            SubjectTransform.compile(republish.source(), republish.destination());
        } catch (TransformException e) {
            throw ApiError.invalidStreamConfig("stream configuration for republish with transform from '"
                            + republish.source() + "' to '" + republish.destination() + "' not valid")
                    .exception();
        }
    }

    /** What nats-server 2.10 refuses of a new stream's mirror and sources while it builds the stream (10049). */
    public static void checkSourcesOnCreate(StreamConfig config) {
        if (config.mirror() != null) {
            for (var transform : config.mirror().subjectTransforms()) {
                compile(
                        transform,
                        e -> ApiError.streamCreate("subject transform from '" + transform.source() + "' to '"
                                + transform.destination() + "' for the mirror: " + e.getMessage()));
            }
        }
        for (var source : config.sources()) {
            for (var transform : source.subjectTransforms()) {
                compile(
                        transform,
                        e -> ApiError.streamCreate("subject transform from '" + transform.source() + "' to '"
                                + transform.destination() + "' for the source: " + e.getMessage()));
            }
        }
    }

    /** What nats-server 2.10 refuses of a new stream's own transform, after the subject overlap check (10049). */
    public static void checkOnCreate(StreamConfig config) {
        var transform = config.subjectTransform();
        if (transform != null) {
            compile(
                    transform,
                    e -> ApiError.streamCreate("stream subject transform from '" + transform.source() + "' to '"
                            + transform.destination() + "': " + e.getMessage()));
        }
    }

    /** What nats-server 2.10 refuses while it applies an update: new sources' and a changed own transform (10069). */
    public static void checkOnUpdate(StreamConfig config, StreamConfig old) {
        var known = new HashSet<String>();
        old.sources().forEach(source -> known.add(source.indexName()));
        for (var source : config.sources()) {
            if (known.contains(source.indexName())) {
                continue;
            }
            for (var transform : source.subjectTransforms()) {
                compile(
                        transform,
                        e -> ApiError.streamUpdate("unable to get subject transform for source: " + e.getMessage()));
            }
        }
        var transform = config.subjectTransform();
        if (transform != null && !transform.equals(old.subjectTransform())) {
            compile(
                    transform,
                    e -> ApiError.streamUpdate("stream configuration for subject transform from '" + transform.source()
                            + "' to '" + transform.destination() + "': " + e.getMessage()));
        }
    }

    /**
     * The subjects a stream's messages may be stored under: its subjects, and what its own and its mirror's or
     * sources' transforms can give. nats-server 2.10 no longer checks consumer filters against the stream's
     * subjects; Junction still does, and so must count these.
     */
    public static List<String> storedSubjects(StreamConfig config) {
        var subjects = new ArrayList<>(config.subjects());
        addPattern(subjects, config.subjectTransform(), false);
        var sources = new ArrayList<StreamSource>(config.sources());
        if (config.mirror() != null) {
            sources.add(config.mirror());
        }
        for (var source : sources) {
            source.subjectTransforms().forEach(transform -> addPattern(subjects, transform, true));
        }
        return subjects;
    }

    /** @param copied whether the transform is a source's, which without destination keeps the origin's subject */
    private static void addPattern(List<String> subjects, SubjectTransformConfig config, boolean copied) {
        if (config == null) {
            return;
        }
        try {
            var transform = compile(config);
            if (transform != null) {
                subjects.add(transform.destinationPattern());
            } else if (copied) {
                subjects.add(orAll(config.source()));
            }
        } catch (TransformException e) {
            // a stored configuration was checked when it was made; one that no longer builds adds nothing
        }
    }

    private static String orAll(String subject) {
        return subject.isEmpty() ? ">" : subject;
    }

    /** The transform, or null for one that changes nothing (an empty destination). */
    static SubjectTransform compile(SubjectTransformConfig config) {
        return config == null ? null : SubjectTransform.compile(config.source(), config.destination());
    }

    private static void compile(SubjectTransformConfig transform, Function<TransformException, ApiError> error) {
        try {
            SubjectTransform.compile(transform.source(), transform.destination());
        } catch (TransformException e) {
            throw new ApiException(error.apply(e));
        }
    }
}
