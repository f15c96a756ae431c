package io.junction.jetstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Message;
import io.nats.client.Subscription;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.StreamConfiguration;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * MSG.NEXT bodies at their edges, answered as nats-server 2.9.10 answers them (and 2.10.29's source): an expiry that
 * has passed, {@code no_wait} with an expiry, Go's 64-bit batch, Go's decoder errors, negative max_bytes.
 */
class PullRequestBodyTest extends LiveJetStreamTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @BeforeEach
    void start() throws Exception {
        var management = connection.jetStreamManagement();
        management.addStream(
                StreamConfiguration.builder().name("NX").subjects("nx").build());
        management.addOrUpdateConsumer(
                "NX",
                ConsumerConfiguration.builder()
                        .durable("C")
                        .ackPolicy(AckPolicy.Explicit)
                        .build());
    }

    @Test
    void aRequestWhoseExpiryHasPassedTimesOutAndGetsNothingPublishedLater() throws Exception {
        var answers = next("{\"batch\":1,\"expires\":-5}");

        assertThat(status(answers.nextMessage(WAIT))).isEqualTo("408 Request Timeout");
        connection.jetStream().publish("nx", new byte[] {1});
        assertThat(answers.nextMessage(Duration.ofMillis(300))).isNull();
        assertThat(connection
                        .jetStreamManagement()
                        .getConsumerInfo("NX", "C")
                        .getDelivered()
                        .getConsumerSequence())
                .isZero();
    }

    @Test
    void noWaitWithAnExpiryWaitsForItOrEndsAfterWhatThereIs() throws Exception {
        var started = System.nanoTime();
        var empty = next("{\"batch\":1,\"no_wait\":true,\"expires\":700000000}");
        var timeout = empty.nextMessage(WAIT);
        assertThat(status(timeout)).isEqualTo("408 Request Timeout");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofMillis(600));

        connection.jetStream().publish("nx", new byte[] {1});
        connection.jetStream().publish("nx", new byte[] {2});
        var some = next("{\"batch\":5,\"no_wait\":true,\"expires\":30000000000}");
        var received = new ArrayList<String>();
        for (var i = 0; i < 3; i++) {
            received.add(status(some.nextMessage(WAIT)));
        }
        assertThat(received).isEqualTo(List.of("message", "message", "408 Request Timeout"));
        assertThat(some.nextMessage(Duration.ofMillis(300)))
                .as("no second answer")
                .isNull();
    }

    @Test
    void echoesTheBatchAndMaxBytesAsAskedInItsTimeout() throws Exception {
        var big = next("{\"batch\":4294967297,\"expires\":200000000}").nextMessage(WAIT);
        assertThat(big.getHeaders().getFirst("Nats-Pending-Messages")).isEqualTo("4294967297");

        var negative =
                next("{\"batch\":1,\"max_bytes\":-5,\"expires\":200000000}").nextMessage(WAIT);
        assertThat(negative.getHeaders().getFirst("Nats-Pending-Bytes")).isEqualTo("-5");
    }

    @Test
    void refusesFieldsOfTheWrongTypeInGoDecoderWords() throws Exception {
        var prefix = "400 Bad Request - json: cannot unmarshal ";
        assertThat(status(next("{\"batch\":\"1\"}").nextMessage(WAIT)))
                .isEqualTo(prefix + "string into Go struct field JSApiConsumerGetNextRequest.batch of type int");
        assertThat(status(next("{\"batch\":1.5}").nextMessage(WAIT)))
                .isEqualTo(prefix + "number 1.5 into Go struct field JSApiConsumerGetNextRequest.batch of type int");
        assertThat(status(next("{\"no_wait\":1}").nextMessage(WAIT)))
                .isEqualTo(prefix + "number into Go struct field JSApiConsumerGetNextRequest.no_wait of type bool");
        assertThat(status(next("{\"expires\":[1]}").nextMessage(WAIT)))
                .isEqualTo(prefix
                        + "array into Go struct field JSApiConsumerGetNextRequest.expires of type time.Duration");
    }

    private Subscription next(String body) throws Exception {
        var inbox = connection.createInbox();
        var answers = connection.subscribe(inbox);
        connection.publish("$JS.API.CONSUMER.MSG.NEXT.NX.C", inbox, body.getBytes(StandardCharsets.UTF_8));
        return answers;
    }

    /** A status message's code and text, or "message" for a delivery. */
    private static String status(Message message) {
        assertThat(message).as("an answer").isNotNull();
        if (!message.isStatusMessage()) {
            return "message";
        }
        return message.getStatus().getCode() + " " + message.getStatus().getMessage();
    }
}
