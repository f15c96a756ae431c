package io.junction.jetstream;

import io.junction.jetstream.api.ApiException;
import io.junction.jetstream.api.Json;
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
        try {
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
                var request = Json.parseObject(body);
                if (request.has("batch") || request.has("multi_last")) {
                    new DirectBatch(server, stream, reply, request).send();
                    return;
                }
                message = MessageLookup.find(stream.store(), request);
            }
        } catch (ApiException e) {
            status(reply, e.error().errCode() == 10037 ? "404 Message Not Found" : "408 Bad Request");
            return;
        }
        if (message == null) {
            status(reply, "404 Message Not Found");
            return;
        }
        server.publish(reply, null, headersFor(stream.name(), message, Map.of()), message.payload());
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
