package io.junction.jetstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nats.client.JetStreamApiException;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.StreamConfiguration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@code $JS.EVENT} advisories and metrics, as a jnats client subscribed to {@code $JS.EVENT.>} sees them. */
class AdvisoriesTest extends LiveJetStreamTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private io.nats.client.Dispatcher dispatcher;

    @BeforeEach
    void start() throws Exception {
        dispatcher = connection.createDispatcher(message -> events.add(Event.of(message)));
        dispatcher.subscribe("$JS.EVENT.>");
        connection.flush(WAIT);
    }

    @Test
    void announcesStreamAndConsumerLifecycle() throws Exception {
        var jsm = connection.jetStreamManagement();

        jsm.addStream(orders().build());
        jsm.updateStream(orders().description("updated").build());
        jsm.addOrUpdateConsumer(
                "ORDERS", ConsumerConfiguration.builder().durable("audit").build());
        jsm.addOrUpdateConsumer(
                "ORDERS", ConsumerConfiguration.builder().durable("gone").build());
        jsm.deleteConsumer("ORDERS", "gone");
        jsm.deleteStream("ORDERS");

        var created = await("$JS.EVENT.ADVISORY.STREAM.CREATED.ORDERS");
        assertThat(created.text("type")).isEqualTo("io.nats.jetstream.advisory.v1.stream_action");
        assertThat(created.text("stream")).isEqualTo("ORDERS");
        assertThat(created.text("action")).isEqualTo("create");
        assertThat(created.text("id")).matches("[0-9A-Za-z]{22}");
        assertThat(Instant.parse(created.text("timestamp"))).isCloseTo(Instant.now(), within(WAIT));
        assertThat(created.json().has("template")).isFalse();
        assertThat(created.json().has("domain")).isFalse();
        var updated = await("$JS.EVENT.ADVISORY.STREAM.UPDATED.ORDERS");
        assertThat(updated.text("action")).isEqualTo("modify");
        assertThat(updated.text("type")).isEqualTo("io.nats.jetstream.advisory.v1.stream_action");
        var consumerCreated = await("$JS.EVENT.ADVISORY.CONSUMER.CREATED.ORDERS.audit");
        assertThat(consumerCreated.text("type")).isEqualTo("io.nats.jetstream.advisory.v1.consumer_action");
        assertThat(consumerCreated.text("stream")).isEqualTo("ORDERS");
        assertThat(consumerCreated.text("consumer")).isEqualTo("audit");
        assertThat(consumerCreated.text("action")).isEqualTo("create");
        assertThat(await("$JS.EVENT.ADVISORY.CONSUMER.DELETED.ORDERS.gone").text("action"))
                .isEqualTo("delete");
        var streamDeleted = await("$JS.EVENT.ADVISORY.STREAM.DELETED.ORDERS");
        assertThat(streamDeleted.text("action")).isEqualTo("delete");
        // a stream's consumers are announced deleted before the stream, as nats-server orders them
        var auditDeleted = await("$JS.EVENT.ADVISORY.CONSUMER.DELETED.ORDERS.audit");
        assertThat(events.indexOf(auditDeleted)).isLessThan(events.indexOf(streamDeleted));
        assertThat(created.text("id")).isNotEqualTo(updated.text("id"));
    }

    @Test
    void namesTheDomainInEveryEventOfADomainsServer() throws Exception {
        connection.close();
        server.close();
        server = JetStreamServer.inDomain(storeDir, "hub");
        connection = Nats.connect(server.url());
        dispatcher = connection.createDispatcher(message -> events.add(Event.of(message)));
        dispatcher.subscribe("$JS.EVENT.>");
        connection.flush(WAIT);
        var jsm = connection.jetStreamManagement();

        jsm.addStream(orders().build());
        jsm.addOrUpdateConsumer(
                "ORDERS", ConsumerConfiguration.builder().durable("audit").build());

        assertThat(await("$JS.EVENT.ADVISORY.STREAM.CREATED.ORDERS").text("domain"))
                .isEqualTo("hub");
        assertThat(await("$JS.EVENT.ADVISORY.CONSUMER.CREATED.ORDERS.audit").text("domain"))
                .isEqualTo("hub");
        assertThat(await("$JS.EVENT.ADVISORY.API").text("domain")).isEqualTo("hub");
    }

    @Test
    void announcesNoCreateForAnIdenticalStreamOrConsumer() throws Exception {
        var jsm = connection.jetStreamManagement();
        jsm.addStream(orders().build());
        var consumer = ConsumerConfiguration.builder().durable("audit").build();
        jsm.addOrUpdateConsumer("ORDERS", consumer);

        jsm.addStream(orders().build());
        jsm.addOrUpdateConsumer("ORDERS", consumer);
        jsm.deleteStream("ORDERS");

        await("$JS.EVENT.ADVISORY.STREAM.DELETED.ORDERS");
        assertThat(subjects()).containsOnlyOnce("$JS.EVENT.ADVISORY.STREAM.CREATED.ORDERS");
        assertThat(subjects()).containsOnlyOnce("$JS.EVENT.ADVISORY.CONSUMER.CREATED.ORDERS.audit");
    }

    @Test
    void auditsEachApiRequestWithItsResponse() throws Exception {
        var jsm = connection.jetStreamManagement();
        jsm.addStream(orders().build());

        assertThatThrownBy(() -> jsm.getStreamInfo("MISSING")).isInstanceOf(JetStreamApiException.class);

        var audits = awaitAll("$JS.EVENT.ADVISORY.API", 2);
        var create = audits.getFirst();
        assertThat(create.text("type")).isEqualTo("io.nats.jetstream.advisory.v1.api_audit");
        assertThat(create.text("subject")).isEqualTo("$JS.API.STREAM.CREATE.ORDERS");
        assertThat(create.text("server")).isNotEmpty();
        assertThat(create.json().path("client").path("acc").asText()).isEqualTo("$G");
        assertThat(create.json().path("client").path("server").asText()).isEqualTo(create.text("server"));
        assertThat(MAPPER.readTree(create.text("request")).path("name").asText())
                .isEqualTo("ORDERS");
        assertThat(MAPPER.readTree(create.text("response")).path("type").asText())
                .isEqualTo("io.nats.jetstream.api.v1.stream_create_response");
        var info = audits.get(1);
        assertThat(info.text("subject")).isEqualTo("$JS.API.STREAM.INFO.MISSING");
        assertThat(MAPPER.readTree(info.text("response"))
                        .path("error")
                        .path("err_code")
                        .asInt())
                .isEqualTo(10059);
    }

    @Test
    void announcesMessagesThatReachedMaxDeliveries() throws Exception {
        var jsm = connection.jetStreamManagement();
        jsm.addStream(orders().build());
        jsm.addOrUpdateConsumer(
                "ORDERS",
                ConsumerConfiguration.builder()
                        .durable("flaky")
                        .ackPolicy(AckPolicy.Explicit)
                        .ackWait(Duration.ofMillis(300))
                        .maxDeliver(2)
                        .build());
        connection.jetStream().publish("orders.new", "one".getBytes(StandardCharsets.UTF_8));
        var subscription = connection.jetStream().subscribe(null, PullSubscribeOptions.bind("ORDERS", "flaky"));

        assertThat(subscription.fetch(1, WAIT)).hasSize(1);
        var last = subscription.fetch(1, WAIT);

        assertThat(last).hasSize(1);
        var exceeded = await("$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.ORDERS.flaky");
        assertThat(exceeded.text("type")).isEqualTo("io.nats.jetstream.advisory.v1.max_deliver");
        assertThat(exceeded.text("stream")).isEqualTo("ORDERS");
        assertThat(exceeded.text("consumer")).isEqualTo("flaky");
        assertThat(exceeded.json().path("stream_seq").asLong()).isEqualTo(1);
        assertThat(exceeded.json().path("deliveries").asLong()).isEqualTo(2);
        // as in nats-server, the message leaves the pending set; a progress ack does not bring it back
        last.getFirst().inProgress();
        assertThat(subscription.fetch(1, Duration.ofMillis(800))).isEmpty();
        assertThat(subjects()).containsOnlyOnce("$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.ORDERS.flaky");
        var info = jsm.getConsumerInfo("ORDERS", "flaky");
        assertThat(info.getNumAckPending()).isZero();
        assertThat(info.getRedelivered()).isEqualTo(1);
    }

    @Test
    void aStreamCanCaptureMaxDeliveriesAdvisoriesAsADeadLetterQueue() throws Exception {
        var jsm = connection.jetStreamManagement();
        jsm.addStream(orders().build());
        jsm.addStream(StreamConfiguration.builder()
                .name("DLQ")
                .subjects("$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.>")
                .build());
        jsm.addOrUpdateConsumer(
                "ORDERS",
                ConsumerConfiguration.builder()
                        .durable("once")
                        .ackPolicy(AckPolicy.Explicit)
                        .ackWait(Duration.ofMillis(200))
                        .maxDeliver(1)
                        .build());
        connection.jetStream().publish("orders.new", "lost".getBytes(StandardCharsets.UTF_8));

        connection
                .jetStream()
                .subscribe(null, PullSubscribeOptions.bind("ORDERS", "once"))
                .fetch(1, WAIT);

        org.awaitility.Awaitility.await()
                .atMost(WAIT)
                .until(() -> jsm.getStreamInfo("DLQ").getStreamState().getMsgCount() == 1);
        var stored = jsm.getMessage("DLQ", 1);
        assertThat(stored.getSubject()).isEqualTo("$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.ORDERS.once");
        var advisory = MAPPER.readTree(stored.getData());
        assertThat(advisory.path("stream_seq").asLong()).isEqualTo(1);
        assertThat(advisory.path("deliveries").asLong()).isEqualTo(1);
    }

    @Test
    void announcesNaksAndStopsRedeliveringANakedMessageAtMaxDeliveries() throws Exception {
        var jsm = connection.jetStreamManagement();
        jsm.addStream(orders().build());
        jsm.addOrUpdateConsumer(
                "ORDERS",
                ConsumerConfiguration.builder()
                        .durable("picky")
                        .ackPolicy(AckPolicy.Explicit)
                        .maxDeliver(2)
                        .build());
        connection.jetStream().publish("orders.new", "one".getBytes(StandardCharsets.UTF_8));
        var subscription = connection.jetStream().subscribe(null, PullSubscribeOptions.bind("ORDERS", "picky"));

        subscription.fetch(1, WAIT).getFirst().nak();
        subscription.fetch(1, WAIT).getFirst().nak();
        var third = subscription.fetch(1, Duration.ofMillis(500));

        assertThat(third).isEmpty();
        var naked = awaitAll("$JS.EVENT.ADVISORY.CONSUMER.MSG_NAKED.ORDERS.picky", 2);
        assertThat(naked.getFirst().text("type")).isEqualTo("io.nats.jetstream.advisory.v1.nak");
        assertThat(naked).extracting(e -> e.json().path("deliveries").asLong()).containsExactly(1L, 2L);
        assertThat(naked)
                .extracting(e -> e.json().path("consumer_seq").asLong())
                .containsExactly(1L, 2L);
        var exceeded = await("$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.ORDERS.picky");
        assertThat(exceeded.json().path("deliveries").asLong()).isEqualTo(2);
    }

    @Test
    void announcesTerminatedMessagesWithTheirReason() throws Exception {
        var jsm = connection.jetStreamManagement();
        jsm.addStream(orders().build());
        jsm.addOrUpdateConsumer(
                "ORDERS",
                ConsumerConfiguration.builder()
                        .durable("strict")
                        .ackPolicy(AckPolicy.Explicit)
                        .build());
        connection.jetStream().publish("orders.new", "one".getBytes(StandardCharsets.UTF_8));
        connection.jetStream().publish("orders.new", "two".getBytes(StandardCharsets.UTF_8));
        var subscription = connection.jetStream().subscribe(null, PullSubscribeOptions.bind("ORDERS", "strict"));
        var batch = subscription.fetch(2, WAIT);

        batch.getFirst().term();
        connection.publish(batch.get(1).getReplyTo(), "+TERM bad payload".getBytes(StandardCharsets.UTF_8));

        var terminated = awaitAll("$JS.EVENT.ADVISORY.CONSUMER.MSG_TERMINATED.ORDERS.strict", 2);
        var first = terminated.getFirst();
        assertThat(first.text("type")).isEqualTo("io.nats.jetstream.advisory.v1.terminated");
        assertThat(first.text("stream")).isEqualTo("ORDERS");
        assertThat(first.text("consumer")).isEqualTo("strict");
        assertThat(first.json().path("stream_seq").asLong()).isEqualTo(1);
        assertThat(first.json().path("consumer_seq").asLong()).isEqualTo(1);
        assertThat(first.json().path("deliveries").asLong()).isEqualTo(1);
        assertThat(first.json().has("reason")).isFalse();
        assertThat(terminated.get(1).json().path("stream_seq").asLong()).isEqualTo(2);
        assertThat(terminated.get(1).text("reason")).isEqualTo("bad payload");
        org.awaitility.Awaitility.await().atMost(WAIT).untilAsserted(() -> assertThat(
                        jsm.getConsumerInfo("ORDERS", "strict").getNumAckPending())
                .isZero());
    }

    @Test
    void aListenerThatArrivesLaterHearsTheNextAdvisory() throws Exception {
        var jsm = connection.jetStreamManagement();
        jsm.addStream(orders().build());
        jsm.addOrUpdateConsumer(
                "ORDERS",
                ConsumerConfiguration.builder()
                        .durable("late")
                        .ackPolicy(AckPolicy.Explicit)
                        .build());
        connection.jetStream().publish("orders.new", "one".getBytes(StandardCharsets.UTF_8));
        connection.jetStream().publish("orders.new", "two".getBytes(StandardCharsets.UTF_8));
        var batch = connection
                .jetStream()
                .subscribe(null, PullSubscribeOptions.bind("ORDERS", "late"))
                .fetch(2, WAIT);
        dispatcher.unsubscribe("$JS.EVENT.>");
        connection.flush(WAIT);
        batch.getFirst().term();
        org.awaitility.Awaitility.await()
                .atMost(WAIT)
                .until(() -> jsm.getConsumerInfo("ORDERS", "late").getNumAckPending() == 1);

        var listener = connection.subscribe("$JS.EVENT.ADVISORY.CONSUMER.MSG_TERMINATED.ORDERS.late");
        connection.flush(WAIT);
        batch.get(1).term();

        var heard = listener.nextMessage(WAIT);
        assertThat(heard).isNotNull();
        assertThat(MAPPER.readTree(heard.getData()).path("stream_seq").asLong()).isEqualTo(2);
        assertThat(listener.nextMessage(Duration.ofMillis(300))).isNull();
    }

    @Test
    void samplesEveryAckAtOneHundredPercent() throws Exception {
        var jsm = connection.jetStreamManagement();
        jsm.addStream(orders().build());
        jsm.addOrUpdateConsumer(
                "ORDERS",
                ConsumerConfiguration.builder()
                        .durable("sampled")
                        .ackPolicy(AckPolicy.Explicit)
                        .sampleFrequency("100%")
                        .build());
        jsm.addOrUpdateConsumer(
                "ORDERS",
                ConsumerConfiguration.builder()
                        .durable("unsampled")
                        .ackPolicy(AckPolicy.Explicit)
                        .build());
        for (var i = 0; i < 3; i++) {
            connection.jetStream().publish("orders.new", ("m" + i).getBytes(StandardCharsets.UTF_8));
        }

        for (var name : List.of("unsampled", "sampled")) {
            var subscription = connection.jetStream().subscribe(null, PullSubscribeOptions.bind("ORDERS", name));
            for (var message : subscription.fetch(3, WAIT)) {
                message.ackSync(WAIT);
            }
        }

        var metrics = awaitAll("$JS.EVENT.METRIC.CONSUMER.ACK.ORDERS.sampled", 3);
        var first = metrics.getFirst();
        assertThat(first.text("type")).isEqualTo("io.nats.jetstream.metric.v1.consumer_ack");
        assertThat(first.text("stream")).isEqualTo("ORDERS");
        assertThat(first.text("consumer")).isEqualTo("sampled");
        assertThat(metrics)
                .extracting(e -> e.json().path("stream_seq").asLong())
                .containsExactly(1L, 2L, 3L);
        assertThat(metrics)
                .extracting(e -> e.json().path("consumer_seq").asLong())
                .containsExactly(1L, 2L, 3L);
        assertThat(metrics)
                .extracting(e -> e.json().path("deliveries").asLong())
                .containsOnly(1L);
        assertThat(metrics).allSatisfy(e -> assertThat(e.json().path("ack_time").asLong())
                .isPositive()
                .isLessThan(WAIT.toNanos()));
        assertThat(subjects()).doesNotContain("$JS.EVENT.METRIC.CONSUMER.ACK.ORDERS.unsampled");
    }

    @Test
    void refusesASampleFrequencyThatIsNotAPercentage() throws Exception {
        var jsm = connection.jetStreamManagement();
        jsm.addStream(orders().build());

        assertThatThrownBy(() -> jsm.addOrUpdateConsumer(
                        "ORDERS",
                        ConsumerConfiguration.builder()
                                .durable("odd")
                                .sampleFrequency("often")
                                .build()))
                .isInstanceOfSatisfying(JetStreamApiException.class, e -> {
                    assertThat(e.getApiErrorCode()).isEqualTo(10095);
                    assertThat(e.getErrorDescription())
                            .isEqualTo("failed to parse consumer sampling configuration: "
                                    + "strconv.Atoi: parsing \"often\": invalid syntax");
                });
    }

    private static StreamConfiguration.Builder orders() {
        return StreamConfiguration.builder().name("ORDERS").subjects("orders.>");
    }

    private List<String> subjects() {
        return events.stream().map(Event::subject).toList();
    }

    private Event await(String subject) {
        return awaitAll(subject, 1).getFirst();
    }

    private List<Event> awaitAll(String subject, int count) {
        org.awaitility.Awaitility.await()
                .atMost(WAIT)
                .until(() ->
                        events.stream().filter(e -> e.subject().equals(subject)).count() >= count);
        return events.stream().filter(e -> e.subject().equals(subject)).toList();
    }

    private static org.assertj.core.data.TemporalUnitOffset within(Duration duration) {
        return org.assertj.core.api.Assertions.within(duration.toMillis(), java.time.temporal.ChronoUnit.MILLIS);
    }

    private record Event(String subject, JsonNode json) {
        static Event of(Message message) {
            try {
                return new Event(message.getSubject(), MAPPER.readTree(message.getData()));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        String text(String field) {
            return json.path(field).asText();
        }
    }
}
