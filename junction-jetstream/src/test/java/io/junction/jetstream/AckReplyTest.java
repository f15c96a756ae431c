package io.junction.jetstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Message;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.StreamConfiguration;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which acks that ask for a reply get one, as nats-server 2.10 answers them: an ack subject of the wrong shape finds
 * no responder, and an ack of a message not yet delivered, or to a consumer without acks on a limits stream, gets
 * no answer.
 */
class AckReplyTest extends LiveJetStreamTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration QUIET = Duration.ofMillis(500);

    @BeforeEach
    void start() throws Exception {
        var management = connection.jetStreamManagement();
        management.addStream(
                StreamConfiguration.builder().name("ACKS").subjects("acks").build());
        connection.jetStream().publish("acks", new byte[] {1});
        connection.jetStream().publish("acks", new byte[] {2});
        management.addOrUpdateConsumer(
                "ACKS",
                ConsumerConfiguration.builder()
                        .durable("EXPLICIT")
                        .ackPolicy(AckPolicy.Explicit)
                        .build());
        management.addOrUpdateConsumer(
                "ACKS",
                ConsumerConfiguration.builder()
                        .durable("NONE")
                        .ackPolicy(AckPolicy.None)
                        .build());
    }

    @Test
    void answersAnAckOfADeliveredMessageEvenTwice() throws Exception {
        var delivered = next("EXPLICIT");

        assertThat(ask(delivered.getReplyTo(), "+ACK")).isNotNull();
        assertThat(ask(delivered.getReplyTo(), "+ACK")).isNotNull();
    }

    @Test
    void leavesAnAckOfAMessageNotYetDeliveredUnanswered() throws Exception {
        next("EXPLICIT");

        assertThat(ask("$JS.ACK.ACKS.EXPLICIT.1.2.2.0.0", "+ACK")).isNull();
        assertThat(ask("$JS.ACK.ACKS.EXPLICIT.1.2.2.0.0", "+TERM")).isNull();
        // a nak is answered whatever it names
        assertThat(ask("$JS.ACK.ACKS.EXPLICIT.1.2.2.0.0", "-NAK")).isNotNull();
    }

    @Test
    void leavesAnAckToAConsumerWithoutAcksOnALimitsStreamUnanswered() throws Exception {
        var delivered = next("NONE");

        assertThat(ask(delivered.getReplyTo(), "+ACK")).isNull();
    }

    @Test
    void anAckSubjectOfTheWrongShapeFindsNoResponder() throws Exception {
        next("EXPLICIT");

        assertThat(ask("$JS.ACK.ACKS.EXPLICIT.1.1", "+ACK").getStatus().getCode())
                .isEqualTo(503);
        assertThat(ask("$JS.ACK.ACKS.EXPLICIT.1.1.1.0.0.0", "+ACK").getStatus().getCode())
                .isEqualTo(503);
        // five tokens that are not numbers reach the consumer, which acknowledges nothing and does not answer
        assertThat(ask("$JS.ACK.ACKS.EXPLICIT.a.b.c.d.e", "+ACK")).isNull();
        assertThat(connection
                        .jetStreamManagement()
                        .getConsumerInfo("ACKS", "EXPLICIT")
                        .getNumAckPending())
                .isEqualTo(1);
    }

    private Message next(String consumer) throws Exception {
        // a delivery keeps its stream subject, which the client's request muxing would not route back
        var inbox = connection.createInbox();
        var deliveries = connection.subscribe(inbox);
        connection.publish(
                "$JS.API.CONSUMER.MSG.NEXT.ACKS." + consumer, inbox, "{\"batch\":1}".getBytes(StandardCharsets.UTF_8));
        var message = deliveries.nextMessage(WAIT);
        deliveries.unsubscribe();
        assertThat(message).as("a delivery").isNotNull();
        assertThat(message.getReplyTo()).as("a delivery").startsWith("$JS.ACK.ACKS.");
        return message;
    }

    /** The answer to an ack sent with a reply subject, or null when none came. */
    private Message ask(String ackSubject, String body) throws Exception {
        var inbox = connection.createInbox();
        var answers = connection.subscribe(inbox);
        connection.publish(ackSubject, inbox, body.getBytes(StandardCharsets.UTF_8));
        var answer = answers.nextMessage(QUIET);
        answers.unsubscribe();
        return answer;
    }
}
