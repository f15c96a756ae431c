package io.junction.jetstream.consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.junction.jetstream.api.Json;
import java.nio.charset.StandardCharsets;

/** A waiting {@code CONSUMER.MSG.NEXT} request: where to deliver, how much, until when. Mutable, consumer-confined. */
final class PullRequest {
    final String reply;
    long batch;
    long maxBytes;
    final boolean noWait;
    final long expiresAtNanos;
    final long heartbeatNanos;
    int delivered;
    long lastSentNanos;

    private PullRequest(String reply, long batch, long maxBytes, boolean noWait, long expiresAtNanos, long heartbeat) {
        this.reply = reply;
        this.batch = batch;
        this.maxBytes = maxBytes;
        this.noWait = noWait;
        this.expiresAtNanos = expiresAtNanos;
        this.heartbeatNanos = heartbeat;
        this.lastSentNanos = System.nanoTime();
    }

    /**
     * Reads the body: empty (one message), a number (the batch), the JSON request, or anything else (one message, as
     * nats-server reads it). Throws with the reason nats-server gives when the JSON is bad (Go's decoder's words for a
     * field of the wrong type) or its idle heartbeat is more than half its expiry. An expiry that is not positive has
     * already passed, as Go adds it to the time the request came in.
     */
    static PullRequest parse(String reply, byte[] body, long nowNanos) {
        var text = body == null ? "" : new String(body, StandardCharsets.UTF_8).trim();
        if (!text.startsWith("{")) {
            return new PullRequest(reply, batchFrom(text), 0, false, 0, 0);
        }
        ObjectNode json = Json.parseObject(body);
        var batch = integer(json, "batch", "int", 1);
        var expires = integer(json, "expires", "time.Duration", 0);
        var maxBytes = integer(json, "max_bytes", "int", 0);
        var noWait = bool(json, "no_wait");
        var heartbeat = integer(json, "idle_heartbeat", "time.Duration", 0);
        if (heartbeat > 0 && heartbeat * 2 > expires) {
            throw new IllegalArgumentException("heartbeat value too large");
        }
        return new PullRequest(
                reply, Math.max(batch, 1), maxBytes, noWait, expires != 0 ? nowNanos + expires : 0, heartbeat);
    }

    /** A whole number that fits Go's 64-bit {@code int}, or Go's error for what cannot be one. */
    private static long integer(ObjectNode json, String field, String goType, long fallback) {
        var value = json.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        if (value.isNumber()) {
            throw mismatch("number " + value.asText(), field, goType);
        }
        throw mismatch(jsonKind(value), field, goType);
    }

    private static boolean bool(ObjectNode json, String field) {
        var value = json.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw mismatch(jsonKind(value), field, "bool");
        }
        return value.booleanValue();
    }

    private static String jsonKind(JsonNode value) {
        if (value.isTextual()) {
            return "string";
        }
        if (value.isBoolean()) {
            return "bool";
        }
        if (value.isArray()) {
            return "array";
        }
        return value.isObject() ? "object" : "number";
    }

    private static IllegalArgumentException mismatch(String what, String field, String goType) {
        return new IllegalArgumentException("json: cannot unmarshal " + what
                + " into Go struct field JSApiConsumerGetNextRequest." + field + " of type " + goType);
    }

    private static long batchFrom(String text) {
        try {
            return Math.max(Long.parseLong(text), 1);
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    long expiresNanos(long receivedNanos) {
        return expiresAtNanos == 0 ? 0 : expiresAtNanos - receivedNanos;
    }

    boolean isExpired(long nowNanos) {
        return expiresAtNanos != 0 && nowNanos >= expiresAtNanos;
    }

    /** The 409 status nats-server answers when the request asks more than the consumer allows, or null. */
    String refusal(ConsumerConfig config, long receivedNanos) {
        if (config.maxBatch() > 0 && batch > config.maxBatch()) {
            return "409 Exceeded MaxRequestBatch of " + config.maxBatch();
        }
        if (config.maxExpiresNanos() > 0 && expiresNanos(receivedNanos) > config.maxExpiresNanos()) {
            return "409 Exceeded MaxRequestExpires of " + GoDuration.format(config.maxExpiresNanos());
        }
        if (config.maxBytes() > 0 && maxBytes > config.maxBytes()) {
            return "409 Exceeded MaxRequestMaxBytes of " + config.maxBytes();
        }
        return null;
    }
}
