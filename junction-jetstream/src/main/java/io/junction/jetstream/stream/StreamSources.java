package io.junction.jetstream.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.junction.jetstream.api.ApiError;
import io.junction.jetstream.api.Json;
import io.junction.jetstream.api.Names;
import io.junction.jetstream.transform.MappingDestinations;
import io.junction.nats.subject.Subjects;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.Function;

/** Reads, checks and writes a stream's {@code mirror} and {@code sources} as nats-server 2.10 does. */
public final class StreamSources {
    private StreamSources() {}

    static StreamSource readMirror(JsonNode json) {
        var mirror = Json.objectField(json, "mirror");
        return mirror == null ? null : readSource(mirror);
    }

    static List<StreamSource> readSources(JsonNode json) {
        var sources = new ArrayList<StreamSource>();
        var array = Json.arrayField(json, "sources");
        if (array != null) {
            array.forEach(source -> sources.add(readSource(object(source))));
        }
        return sources;
    }

    private static StreamSource readSource(JsonNode json) {
        return new StreamSource(
                Json.text(json, "name", ""),
                Json.unsigned(json, "opt_start_seq", 0),
                Json.time(json, "opt_start_time"),
                Json.text(json, "filter_subject", null),
                readTransforms(json),
                readExternal(json));
    }

    private static ExternalStream readExternal(JsonNode json) {
        var external = Json.objectField(json, "external");
        if (external == null) {
            return null;
        }
        return new ExternalStream(Json.text(external, "api", ""), Json.text(external, "deliver", ""));
    }

    private static List<SubjectTransformConfig> readTransforms(JsonNode json) {
        var transforms = new ArrayList<SubjectTransformConfig>();
        var array = Json.arrayField(json, "subject_transforms");
        if (array != null) {
            array.forEach(transform -> transforms.add(StreamTransforms.readTransform(object(transform))));
        }
        return transforms;
    }

    /** An element of a list of structs, which Go's decoder reads only from an object. */
    private static JsonNode object(JsonNode element) {
        if (!element.isObject()) {
            throw ApiError.INVALID_JSON.exception();
        }
        return element;
    }

    /** nats-server's checks of the configuration alone, in its order. */
    static void check(StreamConfig config) {
        var mirror = config.mirror();
        if (mirror != null) {
            if (config.firstSeq() > 0) {
                throw ApiError.MIRROR_WITH_FIRST_SEQ.exception();
            }
            if (!config.subjects().isEmpty()) {
                throw ApiError.MIRROR_WITH_SUBJECTS.exception();
            }
            if (!config.sources().isEmpty()) {
                throw ApiError.MIRROR_WITH_SOURCES.exception();
            }
            checkMirrorTransforms(mirror);
            // nats-server checks an external origin's name nowhere: it may name a stream only the other side knows.
            if (mirror.external() == null && !Names.isValid(mirror.name())) {
                throw ApiError.MIRROR_INVALID_STREAM_NAME.exception();
            }
            checkFilter(mirror);
        }
        var indexNames = new HashSet<String>();
        for (var source : config.sources()) {
            if (!Names.isValid(source.name())) {
                throw ApiError.SOURCE_INVALID_STREAM_NAME.exception();
            }
            if (!indexNames.add(source.indexName())) {
                throw ApiError.SOURCE_DUPLICATE_DETECTED.exception();
            }
            // nats-server leaves an external source's filter and transforms to the other side.
            if (source.external() == null) {
                checkSourceTransforms(source);
            }
            checkFilter(source);
        }
    }

    /**
     * nats-server's checks against the other streams of the account: message sizes, cycles, and a mirror inherits
     * {@code allow_direct} of its origin as {@code mirror_direct}. An origin that does not exist yet is allowed.
     *
     * @return the configuration with {@code mirror_direct} as nats-server sets it
     */
    public static StreamConfig checkAgainst(StreamConfig config, Function<String, StreamConfig> others) {
        var mirror = config.mirror();
        var result = config;
        if (mirror != null && mirror.external() == null) {
            var origin = others.apply(mirror.name());
            if (origin != null) {
                if (config.maxMsgSize() > 0 && origin.maxMsgSize() > 0 && config.maxMsgSize() < origin.maxMsgSize()) {
                    throw ApiError.MIRROR_MAX_MESSAGE_SIZE_TOO_BIG.exception();
                }
                result = config.withMirrorDirect(origin.allowDirect());
            }
        }
        for (var source : config.sources()) {
            var origin = source.external() == null ? others.apply(source.name()) : null;
            if (origin != null
                    && config.maxMsgSize() > 0
                    && origin.maxMsgSize() > 0
                    && config.maxMsgSize() < origin.maxMsgSize()) {
                throw ApiError.SOURCE_MAX_MESSAGE_SIZE_TOO_BIG.exception();
            }
        }
        ExternalChecks.check(config, others);
        checkCycles(config, others);
        return result;
    }

    /** nats-server's walk: a source back to a stream visited whose subjects its filter overlaps, or any mirror. */
    private static void checkCycles(StreamConfig config, Function<String, StreamConfig> others) {
        var toVisit = new ArrayDeque<StreamConfig>();
        var visited = new HashSet<String>();
        toVisit.add(config);
        while (!toVisit.isEmpty()) {
            var current = toVisit.poll();
            visited.add(current.name());
            for (var source : current.sources()) {
                if (source.external() != null) {
                    continue;
                }
                if (visited.contains(source.name())) {
                    if (overlaps(current.subjects(), source.filterSubject())) {
                        throw invalid("detected cycle");
                    }
                } else {
                    var next = source.name().equals(config.name()) ? config : others.apply(source.name());
                    if (next != null) {
                        toVisit.add(next);
                    }
                }
            }
            var mirror = current.mirror();
            if (mirror != null && mirror.external() == null) {
                if (visited.contains(mirror.name())) {
                    throw invalid("detected cycle");
                }
                var next = others.apply(mirror.name());
                if (next != null) {
                    toVisit.add(next);
                }
            }
        }
    }

    private static boolean overlaps(List<String> subjects, String filter) {
        return filter == null || subjects.stream().anyMatch(subject -> Subjects.overlaps(subject, filter));
    }

    static void write(ObjectNode json, StreamConfig config) {
        if (config.mirror() != null) {
            write(json.putObject("mirror"), config.mirror());
        }
        if (!config.sources().isEmpty()) {
            var sources = json.putArray("sources");
            config.sources().forEach(source -> write(sources.addObject(), source));
        }
    }

    private static void write(ObjectNode json, StreamSource source) {
        json.put("name", source.name());
        if (source.optStartSeq() > 0) {
            json.put("opt_start_seq", source.optStartSeq());
        }
        if (source.optStartTime() != null) {
            json.put("opt_start_time", source.optStartTime().toString());
        }
        if (source.filterSubject() != null) {
            json.put("filter_subject", source.filterSubject());
        }
        if (!source.subjectTransforms().isEmpty()) {
            var transforms = json.putArray("subject_transforms");
            source.subjectTransforms().forEach(t -> StreamTransforms.writeTransform(transforms.addObject(), t));
        }
        writeExternal(json, source.external());
    }

    /** As nats-server writes it: both prefixes, the deliver prefix even when empty. */
    public static void writeExternal(ObjectNode json, ExternalStream external) {
        if (external != null) {
            var node = json.putObject("external");
            node.put("api", external.api());
            node.put("deliver", external.deliver());
        }
    }

    /** nats-server 2.10's order: a filter beside transforms, then each source's validity and overlap. */
    private static void checkMirrorTransforms(StreamSource mirror) {
        var transforms = mirror.subjectTransforms();
        if (mirror.filterSubject() != null && !transforms.isEmpty()) {
            throw ApiError.MIRROR_MULTIPLE_FILTERS_NOT_ALLOWED.exception();
        }
        for (var outer = 0; outer < transforms.size(); outer++) {
            var source = transforms.get(outer).source();
            if (!Subjects.isValidSubject(source)) {
                throw ApiError.MIRROR_INVALID_SUBJECT_FILTER.exception();
            }
            for (var inner = 0; inner < transforms.size(); inner++) {
                if (inner != outer
                        && Subjects.overlaps(source, transforms.get(inner).source())) {
                    throw ApiError.MIRROR_OVERLAPPING_SUBJECT_FILTERS.exception();
                }
            }
        }
    }

    /** nats-server 2.10's order: a filter beside transforms, every destination, then each source and overlap. */
    private static void checkSourceTransforms(StreamSource stream) {
        var transforms = stream.subjectTransforms();
        if (stream.filterSubject() != null && !transforms.isEmpty()) {
            throw ApiError.SOURCE_MULTIPLE_FILTERS_NOT_ALLOWED.exception();
        }
        for (var transform : transforms) {
            if (!MappingDestinations.isValid(transform.destination())) {
                throw ApiError.SOURCE_INVALID_TRANSFORM_DESTINATION.exception();
            }
        }
        for (var outer = 0; outer < transforms.size(); outer++) {
            var source = transforms.get(outer).source();
            if (!Subjects.isValidSubject(source)) {
                throw ApiError.SOURCE_INVALID_SUBJECT_FILTER.exception();
            }
            for (var inner = 0; inner < transforms.size(); inner++) {
                if (inner != outer
                        && StreamConfigs.isSubsetOf(
                                source, transforms.get(inner).source())) {
                    throw ApiError.SOURCE_OVERLAPPING_SUBJECT_FILTERS.exception();
                }
            }
        }
    }

    private static void checkFilter(StreamSource source) {
        if (source.filterSubject() != null && !Subjects.isValidSubject(source.filterSubject())) {
            throw invalid("stream source filter subject is invalid");
        }
    }

    private static io.junction.jetstream.api.ApiException invalid(String problem) {
        return ApiError.invalidStreamConfig(problem).exception();
    }
}
