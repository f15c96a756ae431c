package io.junction.jetstream.consumer;

import com.fasterxml.jackson.databind.JsonNode;
import io.junction.jetstream.api.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a durable consumer must remember across restarts: its cursor, delivered and ack-floor sequences, the messages
 * awaiting acks with the wall-clock deadline (nanoseconds since the epoch) of each, delivery counts, and which messages
 * count as redelivered (nats-server's redelivered state, whose size is {@code num_redelivered}).
 *
 * <p>A pending message without a deadline (a file written before deadlines were kept) is redelivered at once. A file
 * written before the redelivered messages were kept holds instead the number of redeliveries ever made; the pending
 * messages delivered more than once stand for them.
 */
record ConsumerState(
        long cursor,
        long deliveredConsumerSeq,
        long deliveredStreamSeq,
        long ackFloorStreamSeq,
        long ackFloorConsumerSeq,
        Map<Long, Long> pending,
        Map<Long, Long> deadlines,
        Map<Long, Integer> deliveries,
        List<Long> redelivered,
        List<Long> lastPerSubject) {
    byte[] toJson() {
        var json = Json.object();
        json.put("cursor", cursor);
        json.put("delivered_consumer_seq", deliveredConsumerSeq);
        json.put("delivered_stream_seq", deliveredStreamSeq);
        json.put("ack_floor_stream_seq", ackFloorStreamSeq);
        json.put("ack_floor_consumer_seq", ackFloorConsumerSeq);
        // what an earlier release reads as its count
        json.put("num_redelivered", redelivered.size());
        var pendingJson = json.putObject("pending");
        pending.forEach((sequence, consumerSequence) -> pendingJson.put(sequence.toString(), consumerSequence));
        var deadlinesJson = json.putObject("deadlines");
        deadlines.forEach((sequence, deadline) -> deadlinesJson.put(sequence.toString(), deadline));
        var deliveriesJson = json.putObject("deliveries");
        deliveries.forEach((sequence, count) -> deliveriesJson.put(sequence.toString(), count));
        var redeliveredJson = json.putArray("redelivered");
        redelivered.forEach(redeliveredJson::add);
        var last = json.putArray("last_per_subject");
        lastPerSubject.forEach(last::add);
        return Json.bytes(json);
    }

    static ConsumerState fromJson(JsonNode json) {
        var pending = new TreeMap<Long, Long>();
        json.path("pending")
                .properties()
                .forEach(e ->
                        pending.put(Long.parseLong(e.getKey()), e.getValue().asLong()));
        var deadlines = new TreeMap<Long, Long>();
        json.path("deadlines")
                .properties()
                .forEach(e ->
                        deadlines.put(Long.parseLong(e.getKey()), e.getValue().asLong()));
        var deliveries = new TreeMap<Long, Integer>();
        json.path("deliveries")
                .properties()
                .forEach(e ->
                        deliveries.put(Long.parseLong(e.getKey()), e.getValue().asInt()));
        var redelivered = new ArrayList<Long>();
        if (json.has("redelivered")) {
            json.path("redelivered").forEach(node -> redelivered.add(node.asLong()));
        } else {
            pending.keySet().stream()
                    .filter(sequence -> deliveries.getOrDefault(sequence, 0) > 1)
                    .forEach(redelivered::add);
        }
        var last = new ArrayList<Long>();
        json.path("last_per_subject").forEach(node -> last.add(node.asLong()));
        return new ConsumerState(
                json.path("cursor").asLong(),
                json.path("delivered_consumer_seq").asLong(),
                json.path("delivered_stream_seq").asLong(),
                json.path("ack_floor_stream_seq").asLong(),
                json.path("ack_floor_consumer_seq").asLong(),
                pending,
                deadlines,
                deliveries,
                redelivered,
                last);
    }

    /** Where a consumer's state is kept durably. */
    interface Store {
        void save(ConsumerState state);

        void delete();
    }
}
