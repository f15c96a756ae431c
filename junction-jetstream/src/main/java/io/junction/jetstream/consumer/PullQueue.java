package io.junction.jetstream.consumer;

import io.junction.jetstream.stream.Headers;
import io.junction.nats.server.NatsServer;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A pull consumer's waiting requests, oldest first, and the statuses nats-server answers them with: heartbeats,
 * {@code 408 Request Timeout}, {@code 409 Message Size Exceeds MaxBytes}, {@code 409 Consumer Deleted}.
 *
 * <p>Confined to the consumer's executor.
 */
final class PullQueue {
    private final NatsServer server;
    private final ArrayDeque<PullRequest> waiting = new ArrayDeque<>();

    PullQueue(NatsServer server) {
        this.server = server;
    }

    int size() {
        return waiting.size();
    }

    /**
     * Reads a {@code MSG.NEXT} request and queues it, or answers it as nats-server does when it cannot wait: 400 for
     * a bad body, 409 past the consumer's request limits or {@code max_waiting}, 404 for a {@code no_wait} request
     * without an expiry when nothing is pending.
     *
     * @return the queued request, or null when it was answered instead
     */
    PullRequest admit(String reply, byte[] body, ConsumerConfig config, long receivedNanos, LongSupplier pending) {
        PullRequest request;
        try {
            request = PullRequest.parse(reply, body, receivedNanos);
        } catch (RuntimeException e) {
            status(reply, "400 Bad Request - " + e.getMessage(), Map.of());
            return null;
        }
        var refusal = request.refusal(config, receivedNanos);
        if (refusal != null) {
            status(reply, refusal, Map.of());
            return null;
        }
        if (request.noWait && request.expiresAtNanos == 0 && pending.getAsLong() == 0) {
            status(reply, "404 No Messages", Map.of());
            return null;
        }
        if (waiting.size() >= config.maxWaiting()) {
            status(reply, "409 Exceeded MaxWaiting", Map.of());
            return null;
        }
        waiting.add(request);
        return request;
    }

    /** Takes a request back out that is still waiting; false when it was already served or expired. */
    boolean remove(PullRequest request) {
        return waiting.remove(request);
    }

    /** Whether a request whose client is still there waits; drops those whose client left. */
    boolean hasLiveRequest() {
        while (!waiting.isEmpty() && !server.hasInterest(waiting.peek().reply)) {
            waiting.poll();
        }
        return !waiting.isEmpty();
    }

    /**
     * The reply subject of the first waiting request with room for a message of this size, counting the message
     * against it. A request whose remaining max_bytes is too small ends with a 409, as in nats-server, and the
     * next request is tried; null when none has room.
     */
    String take(long size) {
        var now = System.nanoTime();
        while (!waiting.isEmpty()) {
            var request = waiting.peek();
            if (!server.hasInterest(request.reply)) {
                waiting.poll();
                continue;
            }
            // an expired request gets no more messages, only its 408, even before the next expiry pass
            if (request.isExpired(now)) {
                waiting.poll();
                timeout(request);
                continue;
            }
            if (request.maxBytes > 0 && size > request.maxBytes) {
                waiting.poll();
                status(request.reply, "409 Message Size Exceeds MaxBytes", pendingHeaders(request));
                continue;
            }
            request.delivered++;
            request.batch--;
            var done = request.batch <= 0;
            if (request.maxBytes > 0) {
                request.maxBytes -= size;
                done |= request.maxBytes == 0;
            }
            request.lastSentNanos = now;
            if (done) {
                waiting.poll();
            }
            return request.reply;
        }
        return null;
    }

    /**
     * Ends expired requests with a 408 and sends idle heartbeats, with the last delivered sequences, to the others
     * that asked for them.
     */
    void expire(long now, long lastConsumerSeq, long lastStreamSeq) {
        var iterator = waiting.iterator();
        while (iterator.hasNext()) {
            var request = iterator.next();
            if (request.isExpired(now)) {
                iterator.remove();
                timeout(request);
            } else if (request.heartbeatNanos > 0 && now - request.lastSentNanos >= request.heartbeatNanos) {
                request.lastSentNanos = now;
                var heartbeat = IdleHeartbeat.headers(lastConsumerSeq, lastStreamSeq, null);
                server.publish(request.reply, null, heartbeat, new byte[0]);
            }
        }
    }

    /** At the end of the stream, a no_wait request that got messages ends with a 408, as nats-server ends it. */
    void endServedNoWait() {
        var iterator = waiting.iterator();
        while (iterator.hasNext()) {
            var request = iterator.next();
            if (request.noWait && request.delivered > 0) {
                iterator.remove();
                timeout(request);
            }
        }
    }

    /** Ends every waiting request with the status, as when the consumer is deleted. */
    void endAll(String status) {
        for (var request : waiting) {
            status(request.reply, status, Map.of());
        }
        waiting.clear();
    }

    void timeout(PullRequest request) {
        status(request.reply, "408 Request Timeout", pendingHeaders(request));
    }

    void status(String reply, String status, Map<String, String> headers) {
        server.publish(reply, null, Headers.build(status, headers), new byte[0]);
    }

    private static Map<String, String> pendingHeaders(PullRequest request) {
        var headers = new LinkedHashMap<String, String>();
        // as nats-server writes them: what is left, and max_bytes as asked when it was not positive
        headers.put("Nats-Pending-Messages", Long.toString(Math.max(request.batch, 0)));
        headers.put("Nats-Pending-Bytes", Long.toString(request.maxBytes));
        return headers;
    }
}
