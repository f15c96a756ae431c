package io.junction.jetstream.consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.junction.jetstream.api.ApiError;
import io.junction.jetstream.api.ApiException;
import io.junction.jetstream.api.Json;
import io.junction.jetstream.api.Names;
import io.junction.jetstream.stream.ConsumerLimits;
import io.junction.jetstream.stream.StreamConfig;
import io.junction.jetstream.stream.StreamTransforms;
import io.junction.nats.subject.Subjects;
import java.util.ArrayList;
import java.util.LinkedHashMap;

/** Reads, completes, checks and writes consumer configurations as nats-server 2.10 does. */
public final class ConsumerConfigs {
    static final long DEFAULT_ACK_WAIT_NANOS = 30_000_000_000L;
    static final long DEFAULT_MAX_ACK_PENDING = 1000;
    static final long DEFAULT_MAX_WAITING = 512;
    static final long DEFAULT_INACTIVE_THRESHOLD_NANOS = 5_000_000_000L;
    private static final long MIN_HEARTBEAT_NANOS = 100_000_000L;
    // nats-server's limits, in bytes, as the wire form's String.length counts them
    private static final int MAX_DESCRIPTION_BYTES = 4 * 1024;
    private static final int MAX_METADATA_BYTES = 128 * 1024;

    private ConsumerConfigs() {}

    public static ConsumerConfig read(JsonNode json) {
        var backoff = new ArrayList<Long>();
        for (var value : Json.numbers(json, "backoff")) {
            backoff.add(value);
        }
        var metadata = new LinkedHashMap<String, String>();
        var metadataNode = json.get("metadata");
        if (metadataNode != null && metadataNode.isObject()) {
            metadataNode
                    .properties()
                    .forEach(entry ->
                            metadata.put(entry.getKey(), entry.getValue().asText()));
        }
        return new ConsumerConfig(
                Json.text(json, "durable_name", null),
                Json.text(json, "name", null),
                Json.text(json, "description", null),
                deliverPolicy(Json.text(json, "deliver_policy", "all")),
                Json.unsigned(json, "opt_start_seq", 0),
                startTime(json),
                Json.enumValue(ConsumerConfig.AckPolicy.class, Json.text(json, "ack_policy", "none")),
                Json.number(json, "ack_wait", 0),
                Json.number(json, "max_deliver", 0),
                backoff,
                Json.text(json, "filter_subject", null),
                Json.texts(json, "filter_subjects"),
                Json.enumValue(ConsumerConfig.ReplayPolicy.class, Json.text(json, "replay_policy", "instant")),
                Json.unsigned(json, "rate_limit_bps", 0),
                Json.text(json, "sample_freq", null),
                Json.number(json, "max_waiting", 0),
                Json.number(json, "max_ack_pending", 0),
                Json.number(json, "idle_heartbeat", 0),
                Json.bool(json, "flow_control", false),
                Json.bool(json, "headers_only", false),
                Json.number(json, "max_batch", 0),
                Json.number(json, "max_expires", 0),
                Json.number(json, "max_bytes", 0),
                Json.text(json, "deliver_subject", null),
                Json.text(json, "deliver_group", null),
                Json.number(json, "inactive_threshold", 0),
                Json.saturatedInt(json, "num_replicas", 0),
                Json.bool(json, "mem_storage", false),
                metadata);
    }

    /** Completes defaults and applies nats-server's checks against the stream. */
    public static ConsumerConfig checked(ConsumerConfig requested, StreamConfig stream) {
        // the stream's consumer limits fill in first, so the checks below see them as nats-server's do
        var c = withStreamDefaults(requested, stream.consumerLimits());
        var pull = c.isPull();
        var explicitOrAll = c.ackPolicy() != ConsumerConfig.AckPolicy.NONE;
        if (c.replicas() > 1) {
            throw ApiError.REPLICAS_NOT_SUPPORTED.exception();
        }
        if (c.replicas() < 0) {
            throw ApiError.REPLICAS_NEGATIVE.exception();
        }
        // 2.10 allows as many backoff values as deliveries (2.9 wanted one fewer)
        if (c.maxDeliver() > 0 && c.backoffNanos().size() > c.maxDeliver()) {
            throw new ApiError(400, 10116, "max deliver is required to be > length of backoff values").exception();
        }
        if (c.description() != null && c.description().length() > MAX_DESCRIPTION_BYTES) {
            throw new ApiError(
                            400, 10107, "consumer description is too long, maximum allowed is " + MAX_DESCRIPTION_BYTES)
                    .exception();
        }
        if (!pull) {
            if (!Subjects.isLiteral(c.deliverSubject())) {
                throw new ApiError(400, 10079, "consumer deliver subject has wildcards").exception();
            }
            if (!Subjects.isValidLiteralSubject(c.deliverSubject())) {
                throw new ApiError(400, 10112, "invalid push consumer deliver subject").exception();
            }
            // Delivering to a subject the stream captures would store every delivery again, without end
            if (stream.subjects().stream().anyMatch(subject -> Subjects.matches(c.deliverSubject(), subject))) {
                throw new ApiError(400, 10081, "consumer deliver subject forms a cycle").exception();
            }
            if (c.maxWaiting() != 0) {
                throw new ApiError(400, 10080, "consumer in push mode can not set max waiting").exception();
            }
            if (c.maxAckPending() > 0 && !explicitOrAll) {
                throw new ApiError(400, 10082, "consumer requires ack policy for max ack pending").exception();
            }
            if (c.idleHeartbeatNanos() > 0 && c.idleHeartbeatNanos() < MIN_HEARTBEAT_NANOS) {
                throw new ApiError(400, 10083, "consumer idle heartbeat needs to be >= 100ms").exception();
            }
            if (c.flowControl() && c.idleHeartbeatNanos() <= 0) {
                throw new ApiError(400, 10108, "consumer with flow control also needs heartbeats").exception();
            }
        } else {
            if (!explicitOrAll && stream.retention() == StreamConfig.Retention.WORKQUEUE) {
                throw ApiError.PULL_REQUIRES_ACK.exception();
            }
            if (c.rateLimitBps() > 0) {
                throw new ApiError(400, 10086, "consumer in pull mode can not have rate limit set").exception();
            }
            if (c.maxWaiting() < 0) {
                throw new ApiError(400, 10087, "consumer max waiting needs to be positive").exception();
            }
            if (c.idleHeartbeatNanos() > 0) {
                throw new ApiError(400, 10088, "consumer idle heartbeat requires a push based consumer").exception();
            }
            if (c.flowControl()) {
                throw new ApiError(400, 10089, "consumer flow control requires a push based consumer").exception();
            }
            if (c.maxBatch() < 0) {
                throw new ApiError(400, 10114, "consumer max request batch needs to be > 0").exception();
            }
            if (c.maxExpiresNanos() != 0 && c.maxExpiresNanos() < 1_000_000) {
                throw new ApiError(400, 10115, "consumer max request expires needs to be >= 1ms").exception();
            }
        }
        checkWithinLimits(c, stream.consumerLimits());
        checkFilters(c, stream);
        checkDeliverPolicy(c);
        checkSampleFrequency(c.sampleFrequency());
        if (stream.retention() == StreamConfig.Retention.WORKQUEUE) {
            if (c.ackPolicy() != ConsumerConfig.AckPolicy.EXPLICIT) {
                throw ApiError.WORKQUEUE_REQUIRES_EXPLICIT_ACK.exception();
            }
            if (c.deliverPolicy() != ConsumerConfig.DeliverPolicy.ALL) {
                throw ApiError.WORKQUEUE_NOT_DELIVER_ALL.exception();
            }
        }
        var metadataBytes = c.metadata().entrySet().stream()
                .mapToLong(entry -> entry.getKey().length() + entry.getValue().length())
                .sum();
        if (metadataBytes > MAX_METADATA_BYTES) {
            throw new ApiError(400, 10135, "consumer metadata exceeds maximum size of 128KB").exception();
        }
        var ackWait = c.ackWaitNanos() == 0 && explicitOrAll ? DEFAULT_ACK_WAIT_NANOS : c.ackWaitNanos();
        if (!c.backoffNanos().isEmpty()) {
            ackWait = c.backoffNanos().getFirst();
        }
        var maxAckPending = c.maxAckPending() == 0 && explicitOrAll ? DEFAULT_MAX_ACK_PENDING : c.maxAckPending();
        return c.withCompleted(
                ackWait,
                c.maxDeliver() == 0 ? -1 : c.maxDeliver(),
                pull && c.maxWaiting() == 0 ? DEFAULT_MAX_WAITING : c.maxWaiting(),
                maxAckPending,
                c.inactiveThresholdNanos());
    }

    /**
     * The configuration with the inactive threshold nats-server gives a consumer that is not durable (an ephemeral,
     * named or not, push or pull) and asked for none: 5 s, which its configuration then shows.
     */
    public static ConsumerConfig withInactiveThreshold(ConsumerConfig c) {
        if (c.isDurable() || c.inactiveThresholdNanos() > 0) {
            return c;
        }
        return c.withCompleted(
                c.ackWaitNanos(), c.maxDeliver(), c.maxWaiting(), c.maxAckPending(), DEFAULT_INACTIVE_THRESHOLD_NANOS);
    }

    private static void checkWithinLimits(ConsumerConfig c, ConsumerLimits limits) {
        if (limits.maxAckPending() > 0 && c.maxAckPending() > limits.maxAckPending()) {
            throw new ApiError(400, 10121, "consumer max ack pending exceeds system limit of " + limits.maxAckPending())
                    .exception();
        }
        if (limits.inactiveThresholdNanos() > 0 && c.inactiveThresholdNanos() > limits.inactiveThresholdNanos()) {
            throw new ApiError(
                            400,
                            10153,
                            "consumer inactive threshold exceeds system limit of "
                                    + GoDuration.format(limits.inactiveThresholdNanos()))
                    .exception();
        }
    }

    private static ConsumerConfig withStreamDefaults(ConsumerConfig c, ConsumerLimits limits) {
        if ((c.maxAckPending() != 0 || limits.maxAckPending() == 0)
                && (c.inactiveThresholdNanos() != 0 || limits.inactiveThresholdNanos() == 0)) {
            return c;
        }
        return c.withCompleted(
                c.ackWaitNanos(),
                c.maxDeliver(),
                c.maxWaiting(),
                c.maxAckPending() == 0 ? limits.maxAckPending() : c.maxAckPending(),
                c.inactiveThresholdNanos() == 0 ? limits.inactiveThresholdNanos() : c.inactiveThresholdNanos());
    }

    /** {@code sample_freq} is a whole number of percent, the {@code %} optional; Go's parse error is the text. */
    private static void checkSampleFrequency(String text) {
        if (text == null || text.isEmpty()) {
            return;
        }
        var digits = text.endsWith("%") ? text.substring(0, text.length() - 1) : text;
        String problem = null;
        try {
            if (Long.parseLong(digits) < 0) {
                problem = "<nil>";
            }
        } catch (NumberFormatException e) {
            problem = "strconv.Atoi: parsing \"" + digits + "\": invalid syntax";
        }
        if (problem != null) {
            throw new ApiError(400, 10095, "failed to parse consumer sampling configuration: " + problem).exception();
        }
    }

    /** Checks a consumer or durable name. */
    public static void checkName(String name) {
        if (name.contains("/") || name.contains("\\")) {
            throw ApiError.CONSUMER_NAME_HAS_PATH_SEPARATORS.exception();
        }
        if (!Names.isValid(name)) {
            throw new ApiError(400, 10103, "durable name can not contain '.', '*', '>'").exception();
        }
        if (name.length() > 255) {
            throw new ApiError(400, 10102, "consumer name is too long, maximum allowed is 255").exception();
        }
    }

    public static ObjectNode write(ConsumerConfig c) {
        var json = Json.object();
        putIfSet(json, "durable_name", c.durableName());
        putIfSet(json, "name", c.name());
        putIfSet(json, "description", c.description());
        json.put("deliver_policy", c.deliverPolicy().json());
        if (c.optStartSeq() > 0) {
            json.put("opt_start_seq", c.optStartSeq());
        }
        putIfSet(json, "opt_start_time", c.optStartTime());
        json.put("ack_policy", Json.lower(c.ackPolicy()));
        if (c.ackWaitNanos() != 0) {
            json.put("ack_wait", c.ackWaitNanos());
        }
        json.put("max_deliver", c.maxDeliver());
        if (!c.backoffNanos().isEmpty()) {
            var backoff = json.putArray("backoff");
            c.backoffNanos().forEach(backoff::add);
        }
        putIfSet(json, "filter_subject", c.filterSubject());
        if (!c.filterSubjects().isEmpty()) {
            json.set("filter_subjects", Json.array(c.filterSubjects()));
        }
        json.put("replay_policy", Json.lower(c.replayPolicy()));
        if (c.rateLimitBps() > 0) {
            json.put("rate_limit_bps", c.rateLimitBps());
        }
        putIfSet(json, "sample_freq", c.sampleFrequency());
        if (c.maxWaiting() > 0) {
            json.put("max_waiting", c.maxWaiting());
        }
        if (c.maxAckPending() != 0) {
            json.put("max_ack_pending", c.maxAckPending());
        }
        if (c.idleHeartbeatNanos() > 0) {
            json.put("idle_heartbeat", c.idleHeartbeatNanos());
        }
        if (c.flowControl()) {
            json.put("flow_control", true);
        }
        if (c.headersOnly()) {
            json.put("headers_only", true);
        }
        if (c.maxBatch() > 0) {
            json.put("max_batch", c.maxBatch());
        }
        if (c.maxExpiresNanos() > 0) {
            json.put("max_expires", c.maxExpiresNanos());
        }
        if (c.maxBytes() > 0) {
            json.put("max_bytes", c.maxBytes());
        }
        putIfSet(json, "deliver_subject", c.deliverSubject());
        putIfSet(json, "deliver_group", c.deliverGroup());
        if (c.inactiveThresholdNanos() > 0) {
            json.put("inactive_threshold", c.inactiveThresholdNanos());
        }
        json.put("num_replicas", c.replicas());
        if (c.memoryStorage()) {
            json.put("mem_storage", true);
        }
        if (!c.metadata().isEmpty()) {
            var metadata = json.putObject("metadata");
            c.metadata().forEach(metadata::put);
        }
        return json;
    }

    private static void checkFilters(ConsumerConfig c, StreamConfig stream) {
        var single = c.filterSubject() != null && !c.filterSubject().isEmpty();
        if (single && !c.filterSubjects().isEmpty()) {
            throw ApiError.DUPLICATE_FILTER_SUBJECTS.exception();
        }
        var filters = c.filters();
        for (var filter : filters) {
            if (filter.isEmpty()) {
                throw ApiError.EMPTY_FILTER.exception();
            }
            if (!Subjects.isValidSubject(filter)) {
                throw ApiError.invalidStreamConfig("invalid subject").exception();
            }
            var covered = StreamTransforms.storedSubjects(stream).stream()
                    .anyMatch(subject -> Subjects.overlaps(subject, filter));
            if (!covered) {
                throw ApiError.FILTER_NOT_SUBSET.exception();
            }
        }
        for (var a : filters) {
            for (var b : filters) {
                if (a != b && Subjects.overlaps(a, b)) {
                    throw ApiError.OVERLAPPING_FILTERS.exception();
                }
            }
        }
    }

    private static void checkDeliverPolicy(ConsumerConfig c) {
        var sequence = c.optStartSeq() > 0;
        var time = c.optStartTime() != null;
        switch (c.deliverPolicy()) {
            case ALL -> refuse(sequence, time, "all");
            case LAST -> refuse(sequence, time, "last");
            case NEW -> refuse(sequence, time, "new");
            case LAST_PER_SUBJECT -> {
                refuse(sequence, time, "last per subject");
                if (c.filters().isEmpty()) {
                    throw policy("consumer delivery policy is deliver last per subject, but optional filter subject "
                            + "is not set");
                }
            }
            case BY_START_SEQUENCE -> {
                if (!sequence) {
                    throw policy("consumer delivery policy is deliver by start sequence, but optional start "
                            + "sequence is not set");
                }
                if (time) {
                    throw policy("consumer delivery policy is deliver by start sequence, but optional start time "
                            + "is also set");
                }
            }
            case BY_START_TIME -> {
                if (!time) {
                    throw policy("consumer delivery policy is deliver by start time, but optional start time is "
                            + "not set");
                }
                if (sequence) {
                    throw policy("consumer delivery policy is deliver by start time, but optional start sequence "
                            + "is also set");
                }
            }
        }
    }

    private static void refuse(boolean sequence, boolean time, String policy) {
        if (sequence) {
            throw policy("consumer delivery policy is deliver " + policy + ", but optional start sequence is also set");
        }
        if (time) {
            throw policy("consumer delivery policy is deliver " + policy + ", but optional start time is also set");
        }
    }

    private static ApiException policy(String text) {
        return ApiError.invalidConsumerPolicy(text).exception();
    }

    private static ConsumerConfig.DeliverPolicy deliverPolicy(String text) {
        for (var policy : ConsumerConfig.DeliverPolicy.values()) {
            if (policy.json().equals(text)) {
                return policy;
            }
        }
        if (text.equals("last_per_subject") || text.equals("last-per-subject")) {
            return ConsumerConfig.DeliverPolicy.LAST_PER_SUBJECT;
        }
        throw ApiError.INVALID_JSON.exception();
    }

    /** The start time as sent, once it reads as an RFC 3339 time; anything else is invalid JSON. */
    private static String startTime(JsonNode json) {
        Json.time(json, "opt_start_time");
        return Json.text(json, "opt_start_time", null);
    }

    private static void putIfSet(ObjectNode json, String field, String value) {
        if (value != null && !value.isEmpty()) {
            json.put(field, value);
        }
    }
}
