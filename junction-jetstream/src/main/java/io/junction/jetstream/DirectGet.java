package io.junction.jetstream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.junction.jetstream.api.ApiException;
import io.junction.jetstream.api.Json;
import io.junction.jetstream.store.MessageStore;
import io.junction.jetstream.store.StoredMessage;
import io.junction.jetstream.stream.Headers;
import io.junction.jetstream.stream.Stream;
import io.junction.nats.server.InternalSubscription;
import io.junction.nats.server.NatsServer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * {@code $JS.API.DIRECT.GET.<stream>[.<subject>]} for streams with {@code allow_direct}: the stored message as the
 * reply, its headers extended with {@code Nats-Stream}, {@code Nats-Subject}, {@code Nats-Sequence} and
 * {@code Nats-Time-Stamp}; a status message when there is none. Streams without it have no subscription here, so
 * clients get no responders, as with nats-server.
 *
 * <p>A mirror with {@code mirror_direct} also serves its origin's subjects from its own store: the subscriptions are
 * in the {@code _sys_} queue group, so each request reaches the origin or one of its mirrors, as in nats-server.
 * {@code Nats-Stream} names the stream that answered.
 */
final class DirectGet implements AutoCloseable {
    private final NatsServer server;
    private final Stream stream;
    private final String prefix;
    private final ExecutorService executor;
    private final List<InternalSubscription> subscriptions = new ArrayList<>();

    /** @param servedName the stream whose subjects are served: the stream's own name, or a mirror's origin */
    DirectGet(NatsServer server, String servedName, Stream stream, ExecutorService executor) {
        this.server = server;
        this.stream = stream;
        this.prefix = "$JS.API.DIRECT.GET." + servedName;
        this.executor = executor;
        subscriptions.add(server.subscribe(prefix, "_sys_", this::onRequest));
        subscriptions.add(server.subscribe(prefix + ".>", "_sys_", this::onRequest));
    }

    private void onRequest(String subject, String reply, byte[] headers, byte[] body) {
        if (reply != null) {
            executor.execute(() -> serve(subject, reply, body));
        }
    }

    private void serve(String subject, String reply, byte[] body) {
        var lastBySubject = subject.length() > prefix.length() ? subject.substring(prefix.length() + 1) : null;
        StoredMessage message;
        if (lastBySubject != null) {
            if (body != null && body.length > 0) {
                status(reply, "408 Bad Request");
                return;
            }
            message = stream.store().lastMatching(lastBySubject);
        } else {
            if (body == null || body.length == 0) {
                status(reply, "408 Empty Request");
                return;
            }
            ObjectNode json;
            Lookup lookup;
            try {
                json = Json.parseRequired(body);
                lookup = Lookup.read(json);
            } catch (ApiException e) {
                status(reply, "408 Malformed Request");
                return;
            }
            if (json.has("batch") || json.has("multi_last")) {
                new DirectBatch(server, stream, reply, json).send();
                return;
            }
            var refusal = lookup.refusal();
            if (refusal != null) {
                status(reply, refusal);
                return;
            }
            message = lookup.find(stream.store());
        }
        if (message == null) {
            status(reply, "404 Message Not Found");
            return;
        }
        server.publish(reply, null, headersFor(stream.name(), message, Map.of()), message.payload());
    }

    /** A request body as nats-server 2.10 decodes it: an empty subject counts as unset. */
    private record Lookup(long sequence, String lastBySubject, String nextBySubject) {
        static Lookup read(ObjectNode json) {
            return new Lookup(
                    Json.unsigned(json, "seq", 0),
                    Json.text(json, "last_by_subj", ""),
                    Json.text(json, "next_by_subj", ""));
        }

        /** The status nats-server answers instead of a message, or null to look the message up. */
        String refusal() {
            if (sequence == 0 && lastBySubject.isEmpty() && nextBySubject.isEmpty()) {
                return "408 Empty Request";
            }
            if (!lastBySubject.isEmpty() && (sequence > 0 || !nextBySubject.isEmpty())) {
                return "408 Bad Request";
            }
            return null;
        }

        StoredMessage find(MessageStore store) {
            if (!nextBySubject.isEmpty()) {
                return store.nextMatching(nextBySubject, Math.max(sequence, 1));
            }
            if (!lastBySubject.isEmpty()) {
                return store.lastMatching(lastBySubject);
            }
            return store.get(sequence);
        }
    }

    /** The stored headers plus {@code Nats-Stream}, {@code Nats-Subject}, {@code Nats-Sequence}, the time, and more. */
    static byte[] headersFor(String streamName, StoredMessage message, Map<String, String> more) {
        var extra = new LinkedHashMap<String, String>();
        extra.put("Nats-Stream", streamName);
        extra.put("Nats-Subject", message.subject());
        extra.put("Nats-Sequence", Long.toString(message.sequence()));
        extra.put("Nats-Time-Stamp", Json.time(message.timestampNanos()));
        extra.putAll(more);
        return Headers.append(message.headers(), extra);
    }

    void status(String reply, String status) {
        server.publish(reply, null, Headers.build(status, Map.of()), new byte[0]);
    }

    @Override
    public void close() {
        subscriptions.forEach(InternalSubscription::close);
    }
}
