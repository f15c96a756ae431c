package io.junction.jetstream;

import static io.junction.jetstream.MirrorTest.awaitLastSequence;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.Mirror;
import io.nats.client.api.Republish;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.SubjectTransform;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stream's {@code republish}: stored messages published again on core NATS, through the official Java client. */
class RePublishTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path storeDir;

    @Test
    void republishesEachStoredMessageWithTheStreamHeadersAndPayload() throws Exception {
        try (var server = JetStreamServer.start(storeDir);
                var connection = Nats.connect(server.url())) {
            var jsm = connection.jetStreamManagement();
            var info = jsm.addStream(StreamConfiguration.builder()
                    .name("EVENTS")
                    .subjects("events.>")
                    .republish(Republish.builder()
                            .source("events.*")
                            .destination("mirror.events.$1")
                            .build())
                    .build());
            var subscription = connection.subscribe("mirror.>");
            connection.flush(WAIT);
            var js = connection.jetStream();

            js.publish("events.a", "first".getBytes(StandardCharsets.UTF_8));
            js.publish("events.b.deep", new byte[] {9});
            js.publish(NatsMessage.builder()
                    .subject("events.a")
                    .headers(new Headers().add("Trace", "t-7"))
                    .data("second".getBytes(StandardCharsets.UTF_8))
                    .build());

            assertThat(info.getConfiguration().getRepublish().getDestination()).isEqualTo("mirror.events.$1");
            var first = next(subscription);
            assertThat(first.getSubject()).isEqualTo("mirror.events.a");
            assertThat(new String(first.getData(), StandardCharsets.UTF_8)).isEqualTo("first");
            assertThat(first.getHeaders().getFirst("Nats-Stream")).isEqualTo("EVENTS");
            assertThat(first.getHeaders().getFirst("Nats-Subject")).isEqualTo("events.a");
            assertThat(first.getHeaders().getFirst("Nats-Sequence")).isEqualTo("1");
            assertThat(first.getHeaders().getFirst("Nats-Last-Sequence")).isEqualTo("0");
            assertThat(first.getHeaders().containsKey("Nats-Msg-Size")).isFalse();
            var stored = jsm.getMessage("EVENTS", 1).getTime().toInstant();
            assertThat(Instant.parse(first.getHeaders().getFirst("Nats-Time-Stamp")))
                    .isCloseTo(stored, within(1, ChronoUnit.MICROS));
            var second = next(subscription);
            assertThat(second.getSubject()).isEqualTo("mirror.events.a");
            assertThat(new String(second.getData(), StandardCharsets.UTF_8)).isEqualTo("second");
            assertThat(second.getHeaders().getFirst("Trace")).isEqualTo("t-7");
            assertThat(second.getHeaders().getFirst("Nats-Sequence")).isEqualTo("3");
            assertThat(second.getHeaders().getFirst("Nats-Last-Sequence")).isEqualTo("1");
            assertThat(subscription.nextMessage(Duration.ofMillis(200))).isNull();
        }
    }

    @Test
    void republishesBeforeThePublishAckAsNatsServerDoes() throws Exception {
        try (var server = JetStreamServer.start(storeDir);
                var connection = Nats.connect(server.url())) {
            connection
                    .jetStreamManagement()
                    .addStream(StreamConfiguration.builder()
                            .name("ORDER")
                            .subjects("order.*")
                            .republish(Republish.builder()
                                    .source(">")
                                    .destination("seen.>")
                                    .build())
                            .build());
            // one dispatcher sees both subjects in the order the server wrote them to this connection
            var arrived = new java.util.concurrent.CopyOnWriteArrayList<String>();
            var dispatcher = connection.createDispatcher(message -> arrived.add(message.getSubject()));
            dispatcher.subscribe("seen.>");
            dispatcher.subscribe("acks.>");
            connection.flush(WAIT);

            connection.publish("order.a", "acks.1", new byte[] {1});
            connection.publish("order.b", "acks.2", new byte[] {2});

            await().atMost(WAIT).untilAsserted(() -> assertThat(arrived).hasSize(4));
            assertThat(arrived)
                    .containsSubsequence("seen.order.a", "acks.1")
                    .containsSubsequence("seen.order.b", "acks.2");
        }
    }

    @Test
    void headersOnlyCarriesTheSizeInsteadOfThePayload() throws Exception {
        try (var server = JetStreamServer.start(storeDir);
                var connection = Nats.connect(server.url())) {
            // sent raw: the Java client insists on a source, nats-server completes a missing one with >
            var created = connection.request(
                    "$JS.API.STREAM.CREATE.H",
                    "{\"name\":\"H\",\"subjects\":[\"h.>\"],\"republish\":{\"dest\":\"rp.>\",\"headers_only\":true}}"
                            .getBytes(StandardCharsets.UTF_8),
                    WAIT);
            assertThat(new String(created.getData(), StandardCharsets.UTF_8))
                    .contains("\"republish\":{\"src\":\">\",\"dest\":\"rp.>\",\"headers_only\":true}");
            var subscription = connection.subscribe("rp.>");
            connection.flush(WAIT);

            connection.jetStream().publish("h.x", new byte[1234]);

            var message = next(subscription);
            assertThat(message.getSubject()).isEqualTo("rp.h.x");
            assertThat(message.getData()).isEmpty();
            assertThat(message.getHeaders().getFirst("Nats-Msg-Size")).isEqualTo("1234");
            assertThat(message.getHeaders().getFirst("Nats-Subject")).isEqualTo("h.x");
            var config = connection.jetStreamManagement().getStreamInfo("H").getConfiguration();
            assertThat(config.getRepublish().getSource()).isEqualTo(">");
            assertThat(config.getRepublish().isHeadersOnly()).isTrue();
        }
    }

    @Test
    void republishesUnderTheSubjectTheStreamTransformStoredItUnder() throws Exception {
        try (var server = JetStreamServer.start(storeDir);
                var connection = Nats.connect(server.url())) {
            connection
                    .jetStreamManagement()
                    .addStream(StreamConfiguration.builder()
                            .name("TR")
                            .subjects("raw.*")
                            .subjectTransform(SubjectTransform.builder()
                                    .source("raw.*")
                                    .destination("clean.$1")
                                    .build())
                            .republish(Republish.builder()
                                    .source("clean.*")
                                    .destination("out.$1")
                                    .build())
                            .build());
            var subscription = connection.subscribe("out.>");
            connection.flush(WAIT);

            connection.jetStream().publish("raw.k", new byte[] {1});

            var message = next(subscription);
            assertThat(message.getSubject()).isEqualTo("out.k");
            assertThat(message.getHeaders().getFirst("Nats-Subject")).isEqualTo("clean.k");
        }
    }

    @Test
    void aMirrorRepublishesWhatItCopiesUnderTheOriginSequence() throws Exception {
        try (var server = JetStreamServer.start(storeDir);
                var connection = Nats.connect(server.url())) {
            var jsm = connection.jetStreamManagement();
            jsm.addStream(
                    StreamConfiguration.builder().name("O").subjects("o.*").build());
            connection.jetStream().publish("o.a", new byte[] {1});
            var subscription = connection.subscribe("copy.>");
            connection.flush(WAIT);

            jsm.addStream(StreamConfiguration.builder()
                    .name("M")
                    .mirror(Mirror.builder().sourceName("O").build())
                    .republish(Republish.builder()
                            .source(">")
                            .destination("copy.>")
                            .build())
                    .build());
            awaitLastSequence(jsm, "M", 1);

            var message = next(subscription);
            assertThat(message.getSubject()).isEqualTo("copy.o.a");
            assertThat(message.getHeaders().getFirst("Nats-Stream")).isEqualTo("M");
            assertThat(message.getHeaders().getFirst("Nats-Sequence")).isEqualTo("1");
        }
    }

    @Test
    void aKeyValueBucketWithRepublishRepublishesPutsAndDeletes() throws Exception {
        try (var server = JetStreamServer.start(storeDir);
                var connection = Nats.connect(server.url())) {
            connection
                    .keyValueManagement()
                    .create(KeyValueConfiguration.builder()
                            .name("CFG")
                            .republish(Republish.builder()
                                    .source("$KV.CFG.>")
                                    .destination("watch.>")
                                    .build())
                            .build());
            var subscription = connection.subscribe("watch.>");
            connection.flush(WAIT);
            var kv = connection.keyValue("CFG");

            kv.put("color", "blue");
            kv.delete("color");

            var put = next(subscription);
            // the destination's > carries what the source's > matched, as in nats-server
            assertThat(put.getSubject()).isEqualTo("watch.color");
            assertThat(new String(put.getData(), StandardCharsets.UTF_8)).isEqualTo("blue");
            assertThat(put.getHeaders().getFirst("Nats-Stream")).isEqualTo("KV_CFG");
            var delete = next(subscription);
            assertThat(delete.getHeaders().getFirst("KV-Operation")).isEqualTo("DEL");
            assertThat(delete.getHeaders().getFirst("Nats-Last-Sequence")).isEqualTo("1");
        }
    }

    private static Message next(Subscription subscription) throws InterruptedException {
        var message = subscription.nextMessage(WAIT);
        assertThat(message).as("a republished message").isNotNull();
        return message;
    }
}
