package io.junction.jetstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.junction.jetstream.api.Json;
import io.nats.client.Connection;
import io.nats.client.Message;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The snapshot and restore protocol driven over core NATS the way jsm.go (behind {@code nats stream backup} and
 * {@code nats stream restore}) drives it, since jnats has no API for it: the snapshot request, a subscription made
 * after its response, an empty reply to each chunk, and the empty message with a status that ends it; the restore
 * request, each chunk sent as a request answered empty, and an empty request answered with the stream create
 * response.
 */
final class SnapshotClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Connection connection;

    SnapshotClient(Connection connection) {
        this.connection = connection;
    }

    /** What a snapshot gave: the response, the archive, the ending status and the most chunks unacknowledged. */
    record Backup(JsonNode response, byte[] archive, int status, int chunks, int mostUnacknowledged) {
        /** The restore request jsm.go builds from {@code backup.json}: the config and state of the response. */
        ObjectNode restoreRequest() {
            var request = Json.object();
            request.set("config", response.get("config"));
            request.set("state", response.get("state"));
            return request;
        }
    }

    JsonNode request(String subject, String body) throws Exception {
        var reply = connection.request(subject, body.getBytes(StandardCharsets.UTF_8), TIMEOUT);
        return Json.MAPPER.readTree(reply.getData());
    }

    Backup snapshot(String stream, String body) throws Exception {
        return snapshot(stream, body, Duration.ZERO);
    }

    /**
     * Snapshots the stream with this request body, whose {@code deliver_subject} is filled in; acknowledges each chunk
     * {@code ackDelay} after it came, one at a time, counting how many were unacknowledged at most.
     */
    Backup snapshot(String stream, String body, Duration ackDelay) throws Exception {
        var inbox = connection.createInbox();
        var request = (ObjectNode) Json.MAPPER.readTree(body);
        request.put("deliver_subject", inbox);
        var response = request("$JS.API.STREAM.SNAPSHOT." + stream, request.toString());
        if (response.has("error")) {
            return new Backup(response, new byte[0], 0, 0, 0);
        }
        var archive = new ByteArrayOutputStream();
        var received = new AtomicInteger();
        var acknowledged = new AtomicInteger();
        var most = new AtomicInteger();
        var acks = new LinkedBlockingQueue<String>();
        var end = new CompletableFuture<Integer>();
        var dispatcher = connection.createDispatcher();
        dispatcher.subscribe(inbox, message -> {
            if (message.getData().length == 0) {
                end.complete(status(message));
                return;
            }
            archive.writeBytes(message.getData());
            most.accumulateAndGet(received.incrementAndGet() - acknowledged.get(), Math::max);
            if (message.getReplyTo() != null) {
                acks.add(message.getReplyTo());
            }
        });
        var acker = Thread.ofPlatform().start(() -> acknowledge(acks, acknowledged, ackDelay, end));
        try {
            var status = end.get(60, TimeUnit.SECONDS);
            acker.join();
            return new Backup(response, archive.toByteArray(), status, received.get(), most.get());
        } finally {
            connection.closeDispatcher(dispatcher);
        }
    }

    /** Acks are counted before they go, so that the count never lags a chunk the ack let through. */
    private void acknowledge(
            LinkedBlockingQueue<String> acks, AtomicInteger acknowledged, Duration delay, CompletableFuture<?> end) {
        try {
            while (!end.isDone() || !acks.isEmpty()) {
                var reply = acks.poll(10, TimeUnit.MILLISECONDS);
                if (reply != null) {
                    Thread.sleep(delay);
                    acknowledged.incrementAndGet();
                    connection.publish(reply, new byte[0]);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int status(Message message) {
        return message.getStatus() == null ? 0 : message.getStatus().getCode();
    }

    /** Restores as jsm.go does, in 64 KiB chunks; returns the answer to the last, empty one. */
    JsonNode restore(String stream, JsonNode restoreRequest, byte[] archive) throws Exception {
        var response = request("$JS.API.STREAM.RESTORE." + stream, restoreRequest.toString());
        if (response.has("error")) {
            return response;
        }
        var deliverSubject = response.get("deliver_subject").asText();
        for (var offset = 0; offset < archive.length; offset += 64 * 1024) {
            var chunk = Arrays.copyOfRange(archive, offset, Math.min(archive.length, offset + 64 * 1024));
            var answer = connection.request(deliverSubject, chunk, TIMEOUT);
            if (answer.getData().length > 0) {
                return Json.MAPPER.readTree(answer.getData());
            }
        }
        var last = connection.request(deliverSubject, new byte[0], Duration.ofSeconds(60));
        return Json.MAPPER.readTree(last.getData());
    }
}
