package io.junction.jetstream.event;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.junction.jetstream.api.Json;
import io.junction.nats.server.NatsServer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Publishes JetStream's {@code $JS.EVENT} advisories and metrics as nats-server does: JSON with {@code type},
 * {@code id} (a nuid) and {@code timestamp}, on a subject that names what it is about. Interest is checked before
 * anything is built, so an event nobody listens to costs one lookup in the subscription index. Thread-safe.
 */
public final class Advisories {
    public static final String STREAM_CREATED = "$JS.EVENT.ADVISORY.STREAM.CREATED.";
    public static final String STREAM_UPDATED = "$JS.EVENT.ADVISORY.STREAM.UPDATED.";
    public static final String STREAM_DELETED = "$JS.EVENT.ADVISORY.STREAM.DELETED.";
    public static final String CONSUMER_CREATED = "$JS.EVENT.ADVISORY.CONSUMER.CREATED.";
    public static final String CONSUMER_DELETED = "$JS.EVENT.ADVISORY.CONSUMER.DELETED.";
    static final String MAX_DELIVERIES = "$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.";
    static final String MSG_TERMINATED = "$JS.EVENT.ADVISORY.CONSUMER.MSG_TERMINATED.";
    static final String MSG_NAKED = "$JS.EVENT.ADVISORY.CONSUMER.MSG_NAKED.";
    static final String CONSUMER_ACK = "$JS.EVENT.METRIC.CONSUMER.ACK.";
    static final String API_AUDIT = "$JS.EVENT.ADVISORY.API";
    static final String SNAPSHOT_CREATE = "$JS.EVENT.ADVISORY.STREAM.SNAPSHOT_CREATE.";
    static final String SNAPSHOT_COMPLETE = "$JS.EVENT.ADVISORY.STREAM.SNAPSHOT_COMPLETE.";
    static final String RESTORE_CREATE = "$JS.EVENT.ADVISORY.STREAM.RESTORE_CREATE.";
    static final String RESTORE_COMPLETE = "$JS.EVENT.ADVISORY.STREAM.RESTORE_COMPLETE.";

    static final String ADVISORY_TYPE = "io.nats.jetstream.advisory.v1.";
    private static final Nuid NUID = new Nuid();

    private final NatsServer server;
    private final String domain;

    /** @param domain the JetStream domain every event names, null for none */
    public Advisories(NatsServer server, String domain) {
        this.server = server;
        this.domain = domain;
    }

    Interest interestIn(String subject) {
        return new Interest(server, subject);
    }

    /** {@code stream_action}: {@code create}, {@code modify} or {@code delete}. */
    public void streamAction(String prefix, String stream, String action) {
        var subject = prefix + stream;
        if (!server.hasInterest(subject)) {
            return;
        }
        var event = typed(ADVISORY_TYPE + "stream_action");
        event.put("stream", stream);
        event.put("action", action);
        send(subject, event);
    }

    /** {@code consumer_action}: {@code create} or {@code delete}. */
    public void consumerAction(String prefix, String stream, String consumer, String action) {
        var subject = prefix + stream + "." + consumer;
        if (!server.hasInterest(subject)) {
            return;
        }
        var event = typed(ADVISORY_TYPE + "consumer_action");
        event.put("stream", stream);
        event.put("consumer", consumer);
        event.put("action", action);
        send(subject, event);
    }

    /** {@code snapshot_create}: a snapshot was cut and its chunks are about to go; {@code state} is at the cut. */
    public void snapshotCreate(String stream, ObjectNode state) {
        var subject = SNAPSHOT_CREATE + stream;
        if (server.hasInterest(subject)) {
            var event = typed(ADVISORY_TYPE + "snapshot_create");
            event.put("stream", stream);
            event.set("state", state);
            send(subject, event);
        }
    }

    /** {@code snapshot_complete}: a snapshot's chunks went out, from {@code startNanos} to {@code endNanos}. */
    public void snapshotComplete(String stream, long startNanos, long endNanos) {
        var subject = SNAPSHOT_COMPLETE + stream;
        if (server.hasInterest(subject)) {
            var event = typed(ADVISORY_TYPE + "snapshot_complete");
            event.put("stream", stream);
            event.put("start", Json.time(startNanos));
            event.put("end", Json.time(endNanos));
            send(subject, event);
        }
    }

    /** {@code restore_create}: a restore is waiting for its upload. */
    public void restoreCreate(String stream) {
        var subject = RESTORE_CREATE + stream;
        if (server.hasInterest(subject)) {
            var event = typed(ADVISORY_TYPE + "restore_create");
            event.put("stream", stream);
            send(subject, event);
        }
    }

    /** {@code restore_complete}: a restore ended, restored or not, after {@code bytes} of upload. */
    public void restoreComplete(String stream, long startNanos, long endNanos, long bytes) {
        var subject = RESTORE_COMPLETE + stream;
        if (server.hasInterest(subject)) {
            var event = typed(ADVISORY_TYPE + "restore_complete");
            event.put("stream", stream);
            event.put("start", Json.time(startNanos));
            event.put("end", Json.time(endNanos));
            event.put("bytes", bytes);
            send(subject, event);
        }
    }

    /** {@code api_audit}: an API request and the response it got, both as the text that went over the wire. */
    public void apiAudit(String serverName, String subject, byte[] request, byte[] response) {
        if (!server.hasInterest(API_AUDIT)) {
            return;
        }
        var event = typed(ADVISORY_TYPE + "api_audit");
        event.put("server", serverName);
        // nats-server's import of the API tells only the account, the RTT and the server; the RTT is not known
        // here, and is left out as Go leaves out a zero one
        var client = event.putObject("client");
        client.put("acc", "$G");
        client.put("server", serverName);
        event.put("subject", subject);
        // one char per byte, the wire form that writing the event turns back into the text that was sent
        if (request != null && request.length > 0) {
            event.put("request", new String(request, StandardCharsets.ISO_8859_1));
        }
        event.put("response", new String(response, StandardCharsets.ISO_8859_1));
        send(API_AUDIT, event);
    }

    /** The event's common fields: nats-server's {@code TypedEvent}. */
    static ObjectNode typed(String type) {
        var now = Instant.now();
        var event = Json.object();
        event.put("type", type);
        event.put("id", NUID.next());
        event.put("timestamp", Json.time(now.getEpochSecond() * 1_000_000_000L + now.getNano()));
        return event;
    }

    void send(String subject, ObjectNode event) {
        if (domain != null) {
            event.put("domain", domain);
        }
        server.publish(subject, null, null, Json.bytes(event));
    }
}
