package io.junction.jetstream.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.jetstream.api.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A durable consumer's saved state, as this release writes it and as earlier ones wrote it. */
class ConsumerStateTest {
    @Test
    void keepsTheRedeliveredMessagesItWrites() throws Exception {
        var pending = Map.of(3L, 3L, 4L, 4L);
        var deliveries = Map.of(3L, 3, 4L, 1);
        var state = new ConsumerState(5, 7, 5, 1, 1, pending, Map.of(), deliveries, List.of(3L), List.of());

        var read = ConsumerState.fromJson(Json.read(state.toJson()));

        assertThat(read.redelivered()).containsExactly(3L);
        assertThat(read.deliveries()).containsEntry(3L, 3).containsEntry(4L, 1);
    }

    @Test
    void takesThePendingMessagesDeliveredMoreThanOnceFromAFileWithoutThem() throws Exception {
        // an earlier release kept only the number of redeliveries ever made
        var old = """
                {"cursor":5,"delivered_consumer_seq":7,"delivered_stream_seq":5,"ack_floor_stream_seq":1,
                 "ack_floor_consumer_seq":1,"num_redelivered":9,"pending":{"3":3,"4":4,"5":5},"deadlines":{},
                 "deliveries":{"2":4,"3":2,"4":1,"5":3},"last_per_subject":[]}""";

        var read = ConsumerState.fromJson(Json.read(old.getBytes(StandardCharsets.UTF_8)));

        assertThat(read.redelivered()).containsExactly(3L, 5L);
    }
}
