package io.junction.jetstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.api.StreamConfiguration;
import org.junit.jupiter.api.Test;

/** What stream and consumer info report about subjects and sequences, as nats-server reports them. */
class StreamStateReportTest extends LiveJetStreamTest {
    @Test
    void storesMessagesOnNonAsciiSubjectsAndFiltersConsumersOnThem() throws Exception {
        var jsm = connection.jetStreamManagement();
        jsm.addStream(StreamConfiguration.builder().name("UNI").subjects("ü.>").build());
        jsm.addOrUpdateConsumer(
                "UNI",
                io.nats.client.api.ConsumerConfiguration.builder()
                        .durable("orders")
                        .filterSubject("ü.订单")
                        .build());

        var ack = connection.jetStream().publish("ü.订单", "x".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        connection.jetStream().publish("ü.other", new byte[1]);

        assertThat(ack.getSeqno()).isEqualTo(1);
        assertThat(jsm.getStreamInfo("UNI").getConfiguration().getSubjects()).containsExactly("ü.>");
        var consumer = jsm.getConsumerInfo("UNI", "orders");
        assertThat(consumer.getConsumerConfiguration().getFilterSubject()).isEqualTo("ü.订单");
        assertThat(consumer.getNumPending()).isEqualTo(1);
    }

    @Test
    void reportsFirstSequenceZeroForAStreamThatNeverStoredAMessageAndLastPlusOneAfterAPurge() throws Exception {
        var jsm = connection.jetStreamManagement();
        jsm.addStream(
                StreamConfiguration.builder().name("FRESH").subjects("fresh").build());

        assertThat(jsm.getStreamInfo("FRESH").getStreamState().getFirstSequence())
                .isZero();
        connection.jetStream().publish("fresh", new byte[1]);
        jsm.purgeStream("FRESH");

        var state = jsm.getStreamInfo("FRESH").getStreamState();
        assertThat(state.getFirstSequence()).isEqualTo(2);
        assertThat(state.getLastSequence()).isEqualTo(1);
    }
}
