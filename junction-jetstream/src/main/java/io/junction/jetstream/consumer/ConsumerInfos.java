package io.junction.jetstream.consumer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.junction.jetstream.api.Json;
import io.junction.jetstream.stream.Clock;

/** Writes a consumer's info as nats-server does. */
public final class ConsumerInfos {
    private ConsumerInfos() {}

    public static ObjectNode write(ObjectNode json, String stream, Consumer consumer) {
        var snapshot = consumer.snapshot();
        json.put("stream_name", stream);
        json.put("name", consumer.name());
        json.put("created", Json.time(consumer.createdNanos()));
        json.set("config", ConsumerConfigs.write(consumer.config()));
        var delivered = json.putObject("delivered");
        delivered.put("consumer_seq", snapshot.deliveredConsumerSeq());
        delivered.put("stream_seq", snapshot.deliveredStreamSeq());
        if (snapshot.lastDeliveredNanos() > 0) {
            delivered.put("last_active", Json.time(snapshot.lastDeliveredNanos()));
        }
        var ackFloor = json.putObject("ack_floor");
        ackFloor.put("consumer_seq", snapshot.ackFloorConsumerSeq());
        ackFloor.put("stream_seq", snapshot.ackFloorStreamSeq());
        if (snapshot.lastAckedNanos() > 0) {
            ackFloor.put("last_active", Json.time(snapshot.lastAckedNanos()));
        }
        json.put("num_ack_pending", snapshot.numAckPending());
        json.put("num_redelivered", snapshot.numRedelivered());
        json.put("num_waiting", snapshot.numWaiting());
        json.put("num_pending", snapshot.numPending());
        if (snapshot.pushBound()) {
            json.put("push_bound", true);
        }
        json.put("ts", Json.time(Clock.nowNanos()));
        return json;
    }
}
