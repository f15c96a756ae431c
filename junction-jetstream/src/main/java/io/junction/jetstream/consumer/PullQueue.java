package io.junction.jetstream.consumer;

import io.junction.jetstream.stream.Headers;
import io.junction.nats.server.NatsServer;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;

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

    void add(PullRequest request) {
        waiting.add(request);
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
        while (!waiting.isEmpty()) {
            var request = waiting.peek();
            if (!server.hasInterest(request.reply)) {
                waiting.poll();
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
            request.lastSentNanos = System.nanoTime();
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
        headers.put("Nats-Pending-Messages", Integer.toString(Math.max(request.batch, 0)));
        headers.put("Nats-Pending-Bytes", Long.toString(Math.max(request.maxBytes, 0)));
        return headers;
    }
}
