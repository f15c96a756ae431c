package io.junction.jetstream.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.junction.jetstream.api.ApiError;
import io.junction.jetstream.api.Json;
import io.junction.jetstream.api.Names;
import io.junction.nats.subject.Subjects;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;

/** Reads, completes, checks and writes stream configurations as nats-server 2.10 does. */
public final class StreamConfigs {
    static final int MAX_NAME_LENGTH = 255;
    private static final int MAX_REPLICAS = 5;
    private static final int MAX_DESCRIPTION_LENGTH = 4096;
    private static final long MIN_WINDOW_NANOS = 100_000_000L;

    private StreamConfigs() {}

    /** Reads the JSON as sent, with nats-server's defaults for what is missing; no checks beyond types. */
    public static StreamConfig read(JsonNode json) {
        var maxAge = Json.number(json, "max_age", 0);
        var duplicates = Json.number(json, "duplicate_window", 0);
        var metadata = new LinkedHashMap<String, String>();
        var metadataNode = Json.objectField(json, "metadata");
        if (metadataNode != null) {
            metadataNode.properties().forEach(entry -> metadata.put(entry.getKey(), metadataValue(entry.getValue())));
        }
        return new StreamConfig(
                Json.text(json, "name", ""),
                Json.text(json, "description", null),
                Json.texts(json, "subjects"),
                Json.enumValue(StreamConfig.Retention.class, Json.text(json, "retention", "limits")),
                orUnlimited(Json.number(json, "max_consumers", 0)),
                orUnlimited(Json.number(json, "max_msgs", 0)),
                orUnlimited(Json.number(json, "max_bytes", 0)),
                maxAge,
                orUnlimited(Json.number(json, "max_msgs_per_subject", 0)),
                orUnlimited(Json.int32(json, "max_msg_size", 0)),
                Json.enumValue(StreamConfig.Discard.class, discard(json)),
                Json.enumValue(StreamConfig.Storage.class, Json.text(json, "storage", "file")),
                Json.saturatedInt(json, "num_replicas", 0),
                Json.bool(json, "no_ack", false),
                duplicates,
                Json.unsigned(json, "first_seq", 0),
                Json.bool(json, "allow_direct", false),
                Json.bool(json, "mirror_direct", false),
                Json.bool(json, "discard_new_per_subject", false),
                Json.bool(json, "sealed", false),
                Json.bool(json, "deny_delete", false),
                Json.bool(json, "deny_purge", false),
                Json.bool(json, "allow_rollup_hdrs", false),
                Json.text(json, "compression", "none"),
                readConsumerLimits(json),
                metadata,
                StreamSources.readMirror(json),
                StreamSources.readSources(json),
                StreamTransforms.readSubjectTransform(json),
                StreamTransforms.readRePublish(json));
    }

    /** Completes defaults and applies nats-server's checks; throws the API error it would answer with. */
    public static StreamConfig checked(StreamConfig config) {
        checkName(config.name());
        if (config.description() != null && config.description().length() > MAX_DESCRIPTION_LENGTH) {
            throw invalid("stream description is too long, maximum allowed is " + MAX_DESCRIPTION_LENGTH);
        }
        if (config.replicas() > MAX_REPLICAS) {
            throw invalid("maximum replicas is " + MAX_REPLICAS);
        }
        if (config.replicas() < 0) {
            throw ApiError.REPLICAS_NEGATIVE.exception();
        }
        var duplicates = config.duplicateWindowNanos();
        if (duplicates == 0) {
            duplicates = config.maxAgeNanos() != 0 && config.maxAgeNanos() < StreamConfig.DEFAULT_DUPLICATE_WINDOW_NANOS
                    ? config.maxAgeNanos()
                    : StreamConfig.DEFAULT_DUPLICATE_WINDOW_NANOS;
        }
        if (config.maxAgeNanos() > 0 && config.maxAgeNanos() < MIN_WINDOW_NANOS) {
            throw invalid("max age needs to be >= 100ms");
        }
        if (duplicates < 0) {
            throw invalid("duplicates window can not be negative");
        }
        if (config.maxAgeNanos() != 0 && duplicates > config.maxAgeNanos()) {
            throw invalid("duplicates window can not be larger then max age");
        }
        if (duplicates > 0 && duplicates < MIN_WINDOW_NANOS) {
            throw invalid("duplicates window needs to be >= 100ms");
        }
        if (config.denyPurge() && config.allowRollup()) {
            throw invalid("roll-ups require the purge permission");
        }
        if (config.discardNewPerSubject() && config.discard() != StreamConfig.Discard.NEW) {
            throw invalid("discard new per subject requires discard new policy to be set");
        }
        if (config.discardNewPerSubject() && config.maxMsgsPerSubject() <= 0) {
            throw invalid("discard new per subject requires max msgs per subject > 0");
        }
        StreamSources.check(config);
        var subjects = config.subjects().isEmpty() && !config.isSourcing()
                ? java.util.List.of(config.name())
                : config.subjects();
        checkSubjects(subjects, config.noAck());
        StreamTransforms.checkRePublish(config.republish(), subjects);
        if (config.replicas() > 1) {
            throw ApiError.REPLICAS_NOT_SUPPORTED.exception();
        }
        return new StreamConfig(
                config.name(),
                config.description(),
                subjects,
                config.retention(),
                config.maxConsumers(),
                config.maxMsgs(),
                config.maxBytes(),
                config.maxAgeNanos(),
                config.maxMsgsPerSubject(),
                config.maxMsgSize(),
                config.discard(),
                config.storage(),
                1,
                config.noAck(),
                duplicates,
                config.firstSeq(),
                config.allowDirect(),
                config.mirrorDirect(),
                config.discardNewPerSubject(),
                config.sealed(),
                config.denyDelete(),
                config.denyPurge(),
                config.allowRollup(),
                config.compression(),
                config.consumerLimits(),
                config.metadata(),
                config.mirror(),
                config.sources(),
                config.subjectTransform(),
                config.republish());
    }

    /**
     * Refuses what nats-server's decoder cannot read as a compression algorithm: anything but {@code "s2"} and
     * {@code "none"}, the empty string and null included. nats-server 2.10 reports a failed decode as plain "invalid
     * JSON", without the decoder's reason.
     */
    public static void checkCompression(JsonNode json) {
        var compression = json.get("compression");
        if (compression == null) {
            return;
        }
        var text = compression.isTextual() ? compression.asText() : "";
        if (!text.equals("s2") && !text.equals("none")) {
            throw ApiError.INVALID_JSON.exception();
        }
    }

    /** Checks a stream name as nats-server does for the API subject and the config. */
    public static void checkName(String name) {
        if (!Names.isValid(name)) {
            throw invalid("stream name is required and can not contain '.', '*', '>'");
        }
        if (name.contains("/") || name.contains("\\")) {
            throw ApiError.STREAM_NAME_HAS_PATH_SEPARATORS.exception();
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw invalid("stream name is too long, maximum allowed is " + MAX_NAME_LENGTH);
        }
    }

    public static ObjectNode write(StreamConfig config) {
        var json = Json.object();
        json.put("name", config.name());
        if (config.description() != null && !config.description().isEmpty()) {
            json.put("description", config.description());
        }
        if (!config.subjects().isEmpty()) {
            json.set("subjects", Json.array(config.subjects()));
        }
        json.put("retention", Json.lower(config.retention()));
        json.put("max_consumers", config.maxConsumers());
        json.put("max_msgs", config.maxMsgs());
        json.put("max_bytes", config.maxBytes());
        json.put("max_age", config.maxAgeNanos());
        json.put("max_msgs_per_subject", config.maxMsgsPerSubject());
        json.put("max_msg_size", config.maxMsgSize());
        json.put("discard", Json.lower(config.discard()));
        json.put("storage", Json.lower(config.storage()));
        json.put("num_replicas", config.replicas());
        if (config.noAck()) {
            json.put("no_ack", true);
        }
        json.put("duplicate_window", config.duplicateWindowNanos());
        // nats-server 2.10 always writes these two, an empty object for no limits
        json.put("compression", config.compression());
        var limits = json.putObject("consumer_limits");
        if (config.consumerLimits().inactiveThresholdNanos() != 0) {
            limits.put("inactive_threshold", config.consumerLimits().inactiveThresholdNanos());
        }
        if (config.consumerLimits().maxAckPending() != 0) {
            limits.put("max_ack_pending", config.consumerLimits().maxAckPending());
        }
        if (config.firstSeq() > 0) {
            json.put("first_seq", config.firstSeq());
        }
        StreamSources.write(json, config);
        StreamTransforms.write(json, config);
        json.put("allow_direct", config.allowDirect());
        json.put("mirror_direct", config.mirrorDirect());
        if (config.discardNewPerSubject()) {
            json.put("discard_new_per_subject", true);
        }
        json.put("sealed", config.sealed());
        json.put("deny_delete", config.denyDelete());
        json.put("deny_purge", config.denyPurge());
        json.put("allow_rollup_hdrs", config.allowRollup());
        if (!config.metadata().isEmpty()) {
            var metadata = json.putObject("metadata");
            config.metadata().forEach(metadata::put);
        }
        return json;
    }

    private static void checkSubjects(java.util.List<String> subjects, boolean noAck) {
        var seen = new HashSet<String>();
        for (var subject : subjects) {
            if (!Subjects.isValidSubject(subject)) {
                throw invalid("invalid subject");
            }
            if (!seen.add(subject)) {
                throw invalid("duplicate subjects detected");
            }
            if (subject.equals(">") && !noAck) {
                throw invalid("capturing all subjects requires no-ack to be true");
            }
            // A subject that merely collides with the API (*.>, *.API.>) would capture API requests too.
            var inApi = (Subjects.overlaps(subject, "$JS.>")
                            || Subjects.overlaps(subject, "$JSC.>")
                            || Subjects.overlaps(subject, "$NRG.>"))
                    && !isSubsetOf(subject, "$JS.EVENT.>");
            if (!noAck && inApi) {
                throw invalid("subjects that overlap with jetstream api require no-ack to be true");
            }
            if (!noAck && Subjects.overlaps(subject, "$SYS.>") && !isSubsetOf(subject, "$SYS.ACCOUNT.>")) {
                throw invalid("subjects that overlap with system api require no-ack to be true");
            }
        }
        checkNoOverlap(subjects);
    }

    /**
     * nats-server's pairwise check, reporting the same first pair, without comparing two distinct literal subjects,
     * which never overlap: a stream of many literal subjects costs a pass, not the square of their number.
     */
    private static void checkNoOverlap(java.util.List<String> subjects) {
        var wildcards = subjects.stream().filter(s -> !Subjects.isLiteral(s)).toList();
        for (var a : subjects) {
            for (var b : Subjects.isLiteral(a) ? wildcards : subjects) {
                if (!a.equals(b) && Subjects.overlaps(a, b)) {
                    throw invalid("subject \"" + a + "\" overlaps with \"" + b + "\"");
                }
            }
        }
    }

    /** Whether every subject the first pattern matches is matched by the second. */
    static boolean isSubsetOf(String subset, String of) {
        var a = Subjects.tokenize(subset);
        var b = Subjects.tokenize(of);
        for (var i = 0; i < b.length; i++) {
            if (b[i].equals(">")) {
                return a.length > i;
            }
            if (i >= a.length) {
                return false;
            }
            if (!b[i].equals("*") && !b[i].equals(a[i])) {
                return false;
            }
            if (b[i].equals("*") && a[i].equals(">")) {
                return false;
            }
        }
        return a.length == b.length;
    }

    private static ConsumerLimits readConsumerLimits(JsonNode json) {
        var limits = json.get("consumer_limits");
        if (limits == null || limits.isNull()) {
            return ConsumerLimits.NONE;
        }
        if (!limits.isObject()) {
            throw ApiError.INVALID_JSON.exception();
        }
        return new ConsumerLimits(
                Json.number(limits, "inactive_threshold", 0), Json.int32(limits, "max_ack_pending", 0));
    }

    /** A value of Go's {@code map[string]string}: a string, or null for the empty string. */
    private static String metadataValue(JsonNode value) {
        if (value.isNull()) {
            return "";
        }
        if (!value.isTextual()) {
            throw ApiError.INVALID_JSON.exception();
        }
        return value.textValue();
    }

    private static long orUnlimited(long value) {
        return value == 0 ? -1 : value;
    }

    /** Discard alone is read in any case by nats-server ({@code "New"} is {@code new}). */
    private static String discard(JsonNode json) {
        return Json.text(json, "discard", "old").toLowerCase(Locale.ROOT);
    }

    private static io.junction.jetstream.api.ApiException invalid(String problem) {
        return ApiError.invalidStreamConfig(problem).exception();
    }
}
