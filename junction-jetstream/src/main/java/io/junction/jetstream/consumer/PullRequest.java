package io.junction.jetstream.consumer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.junction.jetstream.api.Json;
import java.nio.charset.StandardCharsets;

/** A waiting {@code CONSUMER.MSG.NEXT} request: where to deliver, how much, until when. Mutable, consumer-confined. */
final class PullRequest {
    final String reply;
    int batch;
    long maxBytes;
    final boolean noWait;
    final long expiresAtNanos;
    final long heartbeatNanos;
    int delivered;
    long lastSentNanos;

    private PullRequest(String reply, int batch, long maxBytes, boolean noWait, long expiresAtNanos, long heartbeat) {
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
     * nats-server reads it). Throws with the reason nats-server gives when the JSON is bad or its idle heartbeat is
     * more than half its expiry.
     */
    static PullRequest parse(String reply, byte[] body, long nowNanos) {
        var text = body == null ? "" : new String(body, StandardCharsets.UTF_8).trim();
        if (!text.startsWith("{")) {
            return new PullRequest(reply, batchFrom(text), 0, false, 0, 0);
        }
        ObjectNode json = Json.parseObject(body);
        var batch = (int) Json.number(json, "batch", 1);
        var expires = Json.number(json, "expires", 0);
        var heartbeat = Json.number(json, "idle_heartbeat", 0);
        if (heartbeat > 0 && heartbeat * 2 > expires) {
            throw new IllegalArgumentException("heartbeat value too large");
        }
        return new PullRequest(
                reply,
                Math.max(batch, 1),
                Json.number(json, "max_bytes", 0),
                Json.bool(json, "no_wait", false),
                expires > 0 ? nowNanos + expires : 0,
                heartbeat);
    }

    private static int batchFrom(String text) {
        try {
            return Math.max(Integer.parseInt(text), 1);
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
