package io.junction.jetstream;

import com.fasterxml.jackson.databind.JsonNode;
import io.junction.jetstream.api.Json;
import io.junction.jetstream.store.StoredMessage;
import io.junction.jetstream.stream.Headers;
import io.junction.jetstream.stream.Stream;
import io.junction.nats.server.NatsServer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A batch direct get (nats-server 2.11): up to {@code batch} messages from a sequence or a subject filter, or the
 * last message of each {@code multi_last} subject, each carrying {@code Nats-Num-Pending} and
 * {@code Nats-Last-Sequence}, then a {@code 204 EOB} status; {@code 404 Message Not Found} when there is nothing.
 */
final class DirectBatch {
    private final NatsServer server;
    private final Stream stream;
    private final String reply;
    private final JsonNode request;

    DirectBatch(NatsServer server, Stream stream, String reply, JsonNode request) {
        this.server = server;
        this.stream = stream;
        this.reply = reply;
        this.request = request;
    }

    void send() {
        var messages = request.has("multi_last") ? multiLast() : batch();
        if (messages.isEmpty()) {
            server.publish(reply, null, Headers.build("404 Message Not Found", Map.of()), new byte[0]);
            return;
        }
        var filter = Json.text(request, "next_by_subj", ">");
        var last = 0L;
        for (var i = 0; i < messages.size(); i++) {
            var message = messages.get(i);
            var pending = request.has("multi_last")
                    ? messages.size() - i - 1
                    : stream.store().numPending(message.sequence() + 1, List.of(filter), false);
            server.publish(
                    reply,
                    null,
                    DirectGet.headersFor(
                            stream.name(),
                            message,
                            Map.of(
                                    "Nats-Num-Pending",
                                    Long.toString(pending),
                                    "Nats-Last-Sequence",
                                    Long.toString(last))),
                    message.payload());
            last = message.sequence();
        }
        var end = new LinkedHashMap<String, String>();
        end.put("Nats-Num-Pending", "0");
        end.put("Nats-Last-Sequence", Long.toString(last));
        server.publish(reply, null, Headers.build("204 EOB", end), new byte[0]);
    }

    private List<StoredMessage> batch() {
        var limit = Math.max(1, Json.number(request, "batch", 1));
        var maxBytes = Json.number(request, "max_bytes", 0);
        var upTo = Json.number(request, "up_to_seq", 0);
        var filter = Json.text(request, "next_by_subj", ">");
        var from = Math.max(1, Json.number(request, "seq", 1));
        var result = new ArrayList<StoredMessage>();
        var bytes = 0L;
        var message = stream.store().nextMatching(filter, from);
        while (message != null && result.size() < limit && (upTo == 0 || message.sequence() <= upTo)) {
            bytes += message.storedSize();
            if (maxBytes > 0 && bytes > maxBytes && !result.isEmpty()) {
                break;
            }
            result.add(message);
            message = stream.store().nextMatching(filter, message.sequence() + 1);
        }
        return result;
    }

    private List<StoredMessage> multiLast() {
        var result = new ArrayList<StoredMessage>();
        for (var subject : Json.texts(request, "multi_last")) {
            for (var literal : stream.store().subjectCounts(subject).keySet()) {
                var message = stream.store().get(stream.store().lastSequenceOf(literal));
                if (message != null) {
                    result.add(message);
                }
            }
        }
        result.sort((a, b) -> Long.compare(a.sequence(), b.sequence()));
        var limit = Json.number(request, "batch", 0);
        return limit > 0 && result.size() > limit ? result.subList(0, (int) limit) : result;
    }
}
