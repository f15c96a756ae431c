package io.junction.jetstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.nats.client.JetStreamApiException;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.PushSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.OrderedConsumerConfiguration;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StreamConfiguration;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pull and push consumers through the official Java client: delivery, acks, redelivery, pending counts. */
class ConsumerTest extends LiveJetStreamTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @BeforeEach
    void start() throws Exception {
        connection
                .jetStreamManagement()
                .addStream(StreamConfiguration.builder()
                        .name("ORDERS")
                        .subjects("orders.>")
                        .build());
    }

    @Test
    void messagePastMaxDeliverFreesItsPlaceUnderMaxAckPending() throws Exception {
        publish(2);
        var jsm = connection.jetStreamManagement();
        jsm.addOrUpdateConsumer(
                "ORDERS",
                ConsumerConfiguration.builder()
                        .durable("narrow")
                        .ackPolicy(AckPolicy.Explicit)
                        .ackWait(Duration.ofMillis(200))
                        .maxDeliver(1)
                        .maxAckPending(1)
                        .build());
        var subscription = connection.jetStream().subscribe(null, PullSubscribeOptions.bind("ORDERS", "narrow"));

        var first = subscription.fetch(1, WAIT);
        var second = subscription.fetch(1, WAIT);

        assertThat(first).extracting(m -> m.metaData().streamSequence()).containsExactly(1L);
        assertThat(second).extracting(m -> m.metaData().streamSequence()).containsExactly(2L);
    }

    @Test
    void redeliversAnOverdueMessageWhileMaxAckPendingHoldsNewOnesBack() throws Exception {
        publish(2);
        connection
                .jetStreamManagement()
                .addOrUpdateConsumer(
                        "ORDERS",
                        ConsumerConfiguration.builder()
                                .durable("full")
                                .ackPolicy(AckPolicy.Explicit)
                                .ackWait(Duration.ofMillis(300))
                                .maxAckPending(1)
                                .build());
        var subscription = connection.jetStream().subscribe(null, PullSubscribeOptions.bind("ORDERS", "full"));

        var first = subscription.fetch(1, WAIT);
        var again = subscription.fetch(1, WAIT);

        assertThat(first).extracting(m -> m.metaData().streamSequence()).containsExactly(1L);
        assertThat(again).extracting(m -> m.metaData().streamSequence()).containsExactly(1L);
        assertThat(again.getFirst().metaData().deliveredCount()).isEqualTo(2);
    }

    @Test
    void ackOfAMessagePastMaxDeliverStillRemovesItFromAWorkQueue() throws Exception {
        var jsm = connection.jetStreamManagement();
        jsm.addStream(StreamConfiguration.builder()
                .name("JOBS")
                .subjects("jobs.>")
                .retentionPolicy(RetentionPolicy.WorkQueue)
                .build());
        connection.jetStream().publish("jobs.a", "a".getBytes(StandardCharsets.UTF_8));
        jsm.addOrUpdateConsumer(
                "JOBS",
                ConsumerConfiguration.builder()
                        .durable("slow")
                        .ackPolicy(AckPolicy.Explicit)
                        .ackWait(Duration.ofMillis(200))
                        .maxDeliver(1)
                        .build());
        var subscription = connection.jetStream().subscribe(null, PullSubscribeOptions.bind("JOBS", "slow"));
        var message = subscription.fetch(1, WAIT).getFirst();
        await().atMost(WAIT).until(() -> jsm.getConsumerInfo("JOBS", "slow").getNumAckPending() == 0);

        message.ack();

        await().atMost(WAIT)
                .until(() -> jsm.getStreamInfo("JOBS").getStreamState().getMsgCount() == 0);
    }

    @Test
    void fetchesWithExplicitAcksAndCountsPending() throws Exception {
        publish(10);
        var jsm = connection.jetStreamManagement();
        jsm.addOrUpdateConsumer(
                "ORDERS",
                ConsumerConfiguration.builder()
                        .durable("processor")
                        .ackPolicy(AckPolicy.Explicit)
                        .build());
        var subscription = connection.jetStream().subscribe(null, PullSubscribeOptions.bind("ORDERS", "processor"));

        var batch = subscription.fetch(4, WAIT);
        batch.forEach(Message::ack);

        assertThat(batch).extracting(m -> m.metaData().streamSequence()).containsExactly(1L, 2L, 3L, 4L);
        await().atMost(WAIT).untilAsserted(() -> {
            var info = jsm.getConsumerInfo("ORDERS", "processor");
            assertThat(info.getNumPending()).isEqualTo(6);
            assertThat(info.getNumAckPending()).isZero();
            assertThat(info.getAckFloor().getStreamSequence()).isEqualTo(4);
            assertThat(info.getDelivered().getStreamSequence()).isEqualTo(4);
        });
        assertThat(batch.getLast().metaData().pendingCount()).isEqualTo(6);
    }

    @Test
    void redeliversWhatIsNotAcknowledgedWithinAckWait() throws Exception {
        publish(1);
        connection
                .jetStreamManagement()
                .addOrUpdateConsumer(
                        "ORDERS",
                        ConsumerConfiguration.builder()
                                .durable("slow")
                                .ackPolicy(AckPolicy.Explicit)
                                .ackWait(Duration.ofMillis(300))
                                .build());
        var subscription = connection.jetStream().subscribe(null, PullSubscribeOptions.bind("ORDERS", "slow"));

        var first = subscription.fetch(1, WAIT).getFirst();
        var again = subscription.fetch(1, WAIT).getFirst();

        assertThat(again.metaData().streamSequence()).isEqualTo(first.metaData().streamSequence());
        assertThat(again.metaData().deliveredCount()).isEqualTo(2);
        // num_redelivered counts the redelivered messages still awaiting their ack, as nats-server counts them
        var jsm = connection.jetStreamManagement();
        assertThat(jsm.getConsumerInfo("ORDERS", "slow").getRedelivered()).isEqualTo(1);
        again.ackSync(WAIT);
        assertThat(jsm.getConsumerInfo("ORDERS", "slow").getRedelivered()).isZero();
    }

    @Test
    void redeliversANakedMessageAndStopsAfterTerm() throws Exception {
        publish(1);
        connection
                .jetStreamManagement()
                .addOrUpdateConsumer(
                        "ORDERS",
                        ConsumerConfiguration.builder()
                                .durable("naker")
                                .ackPolicy(AckPolicy.Explicit)
                                .build());
        var subscription = connection.jetStream().subscribe(null, PullSubscribeOptions.bind("ORDERS", "naker"));

        subscription.fetch(1, WAIT).getFirst().nak();
        var redelivered = subscription.fetch(1, WAIT);
        redelivered.getFirst().term();

        assertThat(redelivered).hasSize(1);
        assertThat(subscription.fetch(1, Duration.ofMillis(500))).isEmpty();
    }

    @Test
    void deliversToAPushConsumer() throws Exception {
        publish(5);
        var subscription = connection
                .jetStream()
                .subscribe(
                        "orders.>",
                        PushSubscribeOptions.builder().stream("ORDERS").build());

        var received = new ArrayList<Long>();
        for (var i = 0; i < 5; i++) {
            var message = subscription.nextMessage(WAIT);
            received.add(message.metaData().streamSequence());
            message.ack();
        }

        assertThat(received).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void servesOrderedConsumers() throws Exception {
        publish(20);
        var subscription = connection
                .jetStream()
                .subscribe(
                        "orders.>",
                        PushSubscribeOptions.builder().stream("ORDERS")
                                .ordered(true)
                                .build());

        var received = new ArrayList<String>();
        for (var i = 0; i < 20; i++) {
            received.add(new String(subscription.nextMessage(WAIT).getData(), StandardCharsets.UTF_8));
        }

        assertThat(received).first().isEqualTo("0");
        assertThat(received).last().isEqualTo("19");
    }

    @Test
    void servesPullConsumersWithoutAcksAndTheClientsOrderedConsumerContext() throws Exception {
        publish(5);
        var jsm = connection.jetStreamManagement();
        jsm.addOrUpdateConsumer(
                "ORDERS",
                ConsumerConfiguration.builder()
                        .durable("reader")
                        .ackPolicy(AckPolicy.None)
                        .build());
        var subscription = connection.jetStream().subscribe(null, PullSubscribeOptions.bind("ORDERS", "reader"));
        var ordered = connection
                .getStreamContext("ORDERS")
                .createOrderedConsumer(new OrderedConsumerConfiguration().filterSubject("orders.>"));

        var fetched = subscription.fetch(5, WAIT);
        var received = new ArrayList<Long>();
        try (var fetch = ordered.fetchMessages(5)) {
            for (var message = fetch.nextMessage(); message != null; message = fetch.nextMessage()) {
                received.add(message.metaData().streamSequence());
            }
        }

        assertThat(fetched).extracting(m -> m.metaData().streamSequence()).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(jsm.getConsumerInfo("ORDERS", "reader").getAckFloor().getStreamSequence())
                .isEqualTo(5);
        assertThat(received).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void countsDistinctSubjectsAsPendingForLastPerSubject() throws Exception {
        var js = connection.jetStream();
        for (var subject : List.of("orders.a", "orders.b", "orders.a", "orders.c", "orders.a")) {
            js.publish(subject, new byte[1]);
        }
        var jsm = connection.jetStreamManagement();

        var info = jsm.addOrUpdateConsumer(
                "ORDERS",
                ConsumerConfiguration.builder()
                        .durable("latest")
                        .ackPolicy(AckPolicy.Explicit)
                        .deliverPolicy(DeliverPolicy.LastPerSubject)
                        .filterSubject("orders.>")
                        .build());

        assertThat(info.getNumPending()).isEqualTo(3);
        var subscription = js.subscribe("orders.>", PullSubscribeOptions.bind("ORDERS", "latest"));
        assertThat(subscription.fetch(10, Duration.ofSeconds(1)))
                .extracting(m -> m.metaData().streamSequence())
                .containsExactly(2L, 4L, 5L);
    }

    @Test
    void refusesConsumerChangesWithNatsServerErrorCodes() throws Exception {
        var jsm = connection.jetStreamManagement();
        jsm.addOrUpdateConsumer(
                "ORDERS",
                ConsumerConfiguration.builder()
                        .durable("c")
                        .ackPolicy(AckPolicy.Explicit)
                        .build());

        assertApiError(() -> jsm.getConsumerInfo("ORDERS", "missing"), 10014);
        assertApiError(
                () -> jsm.createConsumer(
                        "ORDERS",
                        ConsumerConfiguration.builder()
                                .durable("c")
                                .ackPolicy(AckPolicy.Explicit)
                                .ackWait(Duration.ofSeconds(7))
                                .build()),
                10148);
        assertApiError(
                () -> jsm.updateConsumer(
                        "ORDERS",
                        ConsumerConfiguration.builder()
                                .durable("nope")
                                .ackPolicy(AckPolicy.Explicit)
                                .build()),
                10149);
        assertThat(jsm.getConsumerNames("ORDERS")).containsExactly("c");
        assertThat(jsm.deleteConsumer("ORDERS", "c")).isTrue();
        assertThat(jsm.getConsumerNames("ORDERS")).isEmpty();
    }

    @Test
    void refusesDeliverSubjectsThatTheStreamCapturesOrThatHaveWildcards() throws Exception {
        publish(3);
        var jsm = connection.jetStreamManagement();

        assertApiError(
                () -> jsm.addOrUpdateConsumer(
                        "ORDERS",
                        ConsumerConfiguration.builder()
                                .durable("loop")
                                .deliverSubject("orders.loop")
                                .build()),
                10081);
        assertApiError(
                () -> jsm.addOrUpdateConsumer(
                        "ORDERS",
                        ConsumerConfiguration.builder()
                                .durable("wild")
                                .deliverSubject("push.*")
                                .build()),
                10079);
        assertThat(jsm.getConsumerNames("ORDERS")).isEmpty();
        assertThat(jsm.getStreamInfo("ORDERS").getStreamState().getMsgCount()).isEqualTo(3);
    }

    @Test
    void endsAPullRequestWith409WhenTheNextMessageExceedsItsMaxBytes() throws Exception {
        var js = connection.jetStream();
        for (var i = 0; i < 3; i++) {
            js.publish("orders.big", new byte[200]);
        }
        var jsm = connection.jetStreamManagement();
        jsm.addOrUpdateConsumer(
                "ORDERS",
                ConsumerConfiguration.builder()
                        .durable("sized")
                        .ackPolicy(AckPolicy.Explicit)
                        .build());

        var roomForTwo = pull("{\"batch\":10,\"max_bytes\":600,\"expires\":1000000000}", 3);
        var roomForNone = pull("{\"batch\":1,\"max_bytes\":10}", 1);

        assertThat(roomForTwo.subList(0, 2))
                .extracting(m -> m.metaData().streamSequence())
                .containsExactly(1L, 2L);
        assertThat(roomForTwo.get(2).getStatus().getCode()).isEqualTo(409);
        assertThat(roomForTwo.get(2).getStatus().getMessage()).isEqualTo("Message Size Exceeds MaxBytes");
        assertThat(roomForNone.getFirst().getStatus().getMessage()).isEqualTo("Message Size Exceeds MaxBytes");
        var info = jsm.getConsumerInfo("ORDERS", "sized");
        assertThat(info.getDelivered().getStreamSequence()).isEqualTo(2);
        assertThat(info.getNumPending()).isEqualTo(1);
    }

    @Test
    void answersPullRequestsAsNatsServerDoesWhenTheyCannotBeServedAsAsked() throws Exception {
        publish(1);
        var jsm = connection.jetStreamManagement();
        jsm.addOrUpdateConsumer(
                "ORDERS",
                ConsumerConfiguration.builder()
                        .durable("puller")
                        .ackPolicy(AckPolicy.Explicit)
                        .build());
        jsm.addOrUpdateConsumer(
                "ORDERS",
                ConsumerConfiguration.builder()
                        .durable("pusher")
                        .deliverSubject("push.pusher")
                        .build());

        var toAPushConsumer =
                pull("pusher", "{\"batch\":1,\"no_wait\":true}", 1).getFirst();
        var heartbeatWithoutExpiry =
                pull("puller", "{\"batch\":1,\"idle_heartbeat\":100000000}", 1).getFirst();
        var heartbeatTooLarge = pull("puller", "{\"batch\":1,\"expires\":1000000000,\"idle_heartbeat\":600000000}", 1)
                .getFirst();
        var neitherJsonNorNumber = pull("puller", "one please", 1).getFirst();

        assertThat(toAPushConsumer.getStatus().getCode()).isEqualTo(409);
        assertThat(toAPushConsumer.getStatus().getMessage()).isEqualTo("Consumer is push based");
        assertThat(heartbeatWithoutExpiry.getStatus().getMessage())
                .isEqualTo("Bad Request - heartbeat value too large");
        assertThat(heartbeatTooLarge.getStatus().getCode()).isEqualTo(400);
        assertThat(neitherJsonNorNumber.isStatusMessage()).isFalse();
        assertThat(neitherJsonNorNumber.metaData().streamSequence()).isEqualTo(1);
    }

    @Test
    void removesAcknowledgedMessagesFromAWorkQueue() throws Exception {
        var jsm = connection.jetStreamManagement();
        jsm.addStream(StreamConfiguration.builder()
                .name("JOBS")
                .subjects("jobs.>")
                .retentionPolicy(RetentionPolicy.WorkQueue)
                .build());
        var js = connection.jetStream();
        for (var i = 0; i < 3; i++) {
            js.publish("jobs.x", new byte[1]);
        }
        jsm.addOrUpdateConsumer(
                "JOBS",
                ConsumerConfiguration.builder()
                        .durable("w")
                        .ackPolicy(AckPolicy.Explicit)
                        .build());
        var subscription = js.subscribe(null, PullSubscribeOptions.bind("JOBS", "w"));

        subscription.fetch(3, WAIT).forEach(Message::ack);

        await().atMost(WAIT).untilAsserted(() -> {
            var state = jsm.getStreamInfo("JOBS").getStreamState();
            assertThat(state.getMsgCount()).isZero();
            assertThat(state.getLastSequence()).isEqualTo(3);
        });
        assertApiError(
                () -> jsm.addOrUpdateConsumer(
                        "JOBS",
                        ConsumerConfiguration.builder()
                                .durable("w2")
                                .ackPolicy(AckPolicy.Explicit)
                                .build()),
                10099);
        assertApiError(
                () -> jsm.addOrUpdateConsumer(
                        "JOBS",
                        ConsumerConfiguration.builder()
                                .durable("p")
                                .filterSubject("jobs.none")
                                .ackPolicy(AckPolicy.None)
                                .build()),
                10084);
    }

    @Test
    void keepsDeliveringToAPushConsumerThatAnswersFlowControl() throws Exception {
        var js = connection.jetStream();
        var payload = new byte[1000];
        for (var i = 0; i < 3000; i++) {
            js.publishAsync("orders.bulk", payload);
        }
        js.publish("orders.bulk", payload);
        var subscription = js.subscribe(
                "orders.>",
                PushSubscribeOptions.builder().stream("ORDERS")
                        .configuration(ConsumerConfiguration.builder()
                                .flowControl(Duration.ofSeconds(1))
                                .ackPolicy(AckPolicy.None)
                                .build())
                        .build());

        var received = 0;
        while (received < 3001 && subscription.nextMessage(WAIT) != null) {
            received++;
        }

        assertThat(received).isEqualTo(3001);
    }

    @Test
    void replaysWithTheOriginalSpacingWhenAsked() throws Exception {
        var js = connection.jetStream();
        js.publish("orders.a", new byte[1]);
        Thread.sleep(400);
        js.publish("orders.a", new byte[1]);
        var subscription = js.subscribe(
                "orders.>",
                PushSubscribeOptions.builder().stream("ORDERS")
                        .configuration(ConsumerConfiguration.builder()
                                .replayPolicy(io.nats.client.api.ReplayPolicy.Original)
                                .build())
                        .build());

        var first = subscription.nextMessage(WAIT);
        var start = System.nanoTime();
        var second = subscription.nextMessage(WAIT);
        var gapMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(first).isNotNull();
        assertThat(second).isNotNull();
        assertThat(gapMillis).isGreaterThanOrEqualTo(300);
    }

    /** Sends a raw pull request and returns the first replies, status messages included. */
    private List<Message> pull(String request, int replies) throws Exception {
        return pull("sized", request, replies);
    }

    private List<Message> pull(String consumer, String request, int replies) throws Exception {
        var inbox = connection.createInbox();
        var subscription = connection.subscribe(inbox);
        connection.publish(
                "$JS.API.CONSUMER.MSG.NEXT.ORDERS." + consumer, inbox, request.getBytes(StandardCharsets.UTF_8));
        var received = new ArrayList<Message>();
        for (var i = 0; i < replies; i++) {
            var message = subscription.nextMessage(WAIT);
            assertThat(message).as("reply %d to %s", i + 1, request).isNotNull();
            received.add(message);
        }
        subscription.unsubscribe();
        return received;
    }

    private void publish(int count) throws Exception {
        var js = connection.jetStream();
        for (var i = 0; i < count; i++) {
            js.publish("orders." + (i % 3), Integer.toString(i).getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void assertApiError(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, int errCode) {
        assertThatThrownBy(call).isInstanceOf(JetStreamApiException.class).satisfies(e -> assertThat(
                        ((JetStreamApiException) e).getApiErrorCode())
                .isEqualTo(errCode));
    }
}
