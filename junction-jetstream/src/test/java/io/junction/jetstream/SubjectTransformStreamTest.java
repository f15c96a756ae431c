package io.junction.jetstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nats.client.JetStreamApiException;
import io.nats.client.Nats;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.SubjectTransform;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stream's {@code subject_transform}, through the official Java client. */
class SubjectTransformStreamTest {
    @TempDir
    Path storeDir;

    @Test
    void storesCapturedMessagesUnderTheTransformedSubject() throws Exception {
        try (var server = JetStreamServer.start(storeDir);
                var connection = Nats.connect(server.url())) {
            var jsm = connection.jetStreamManagement();
            var info = jsm.addStream(StreamConfiguration.builder()
                    .name("ORDERS")
                    .subjects("orders.*.*", "other")
                    .subjectTransform(SubjectTransform.builder()
                            .source("orders.*.*")
                            .destination("by-region.{{wildcard(2)}}.$1")
                            .build())
                    .build());
            var js = connection.jetStream();

            var ack = js.publish("orders.o1.eu", "one".getBytes(StandardCharsets.UTF_8));
            js.publish("other", new byte[] {2});

            assertThat(ack.getSeqno()).isEqualTo(1);
            assertThat(info.getConfiguration().getSubjectTransform().getSource())
                    .isEqualTo("orders.*.*");
            assertThat(info.getConfiguration().getSubjectTransform().getDestination())
                    .isEqualTo("by-region.{{wildcard(2)}}.$1");
            var first = jsm.getMessage("ORDERS", 1);
            assertThat(first.getSubject()).isEqualTo("by-region.eu.o1");
            assertThat(new String(first.getData(), StandardCharsets.UTF_8)).isEqualTo("one");
            assertThat(jsm.getMessage("ORDERS", 2).getSubject()).isEqualTo("other");
            assertThat(jsm.getLastMessage("ORDERS", "by-region.eu.o1").getSeq()).isEqualTo(1);
        }
    }

    @Test
    void aConsumerMayFilterOnTheTransformedSubjects() throws Exception {
        try (var server = JetStreamServer.start(storeDir);
                var connection = Nats.connect(server.url())) {
            var jsm = connection.jetStreamManagement();
            jsm.addStream(StreamConfiguration.builder()
                    .name("C")
                    .subjects("c.*.*")
                    .subjectTransform(SubjectTransform.builder()
                            .source("c.*.*")
                            .destination("d.$2.{{partition(2,1)}}")
                            .build())
                    .build());
            var js = connection.jetStream();
            js.publish("c.k1.eu", new byte[] {1});
            js.publish("c.k2.us", new byte[] {2});

            var consumer = jsm.addOrUpdateConsumer(
                    "C",
                    ConsumerConfiguration.builder()
                            .durable("EU")
                            .filterSubject("d.eu.*")
                            .build());

            assertThat(consumer.getNumPending()).isEqualTo(1);
            assertThatThrownBy(() -> jsm.addOrUpdateConsumer(
                            "C",
                            ConsumerConfiguration.builder()
                                    .durable("ELSEWHERE")
                                    .filterSubject("e.>")
                                    .build()))
                    .isInstanceOf(JetStreamApiException.class)
                    .hasMessageContaining("10093");
        }
    }

    @Test
    void publishExpectationsApplyToTheTransformedSubject() throws Exception {
        try (var server = JetStreamServer.start(storeDir);
                var connection = Nats.connect(server.url())) {
            var jsm = connection.jetStreamManagement();
            jsm.addStream(StreamConfiguration.builder()
                    .name("T")
                    .subjects("in.>")
                    .subjectTransform(SubjectTransform.builder()
                            .source("in.>")
                            .destination("kept.>")
                            .build())
                    .build());
            var js = connection.jetStream();
            js.publish("in.a", new byte[] {1});

            var ack = js.publish(NatsMessage.builder()
                    .subject("in.a")
                    .headers(new Headers().add("Nats-Expected-Last-Subject-Sequence", "1"))
                    .data(new byte[] {2})
                    .build());

            assertThat(ack.getSeqno()).isEqualTo(2);
            assertThat(jsm.getMessage("T", 2).getSubject()).isEqualTo("kept.a");
        }
    }

    @Test
    void anUpdateChangesTheTransformForMessagesStoredAfterIt() throws Exception {
        try (var server = JetStreamServer.start(storeDir);
                var connection = Nats.connect(server.url())) {
            var jsm = connection.jetStreamManagement();
            var config = StreamConfiguration.builder().name("U").subjects("u.*");
            jsm.addStream(config.build());
            connection.jetStream().publish("u.a", new byte[] {1});

            jsm.updateStream(config.subjectTransform(SubjectTransform.builder()
                            .source("u.*")
                            .destination("v.$1")
                            .build())
                    .build());
            connection.jetStream().publish("u.b", new byte[] {2});

            assertThat(jsm.getMessage("U", 1).getSubject()).isEqualTo("u.a");
            assertThat(jsm.getMessage("U", 2).getSubject()).isEqualTo("v.b");
        }
    }

    @Test
    void keepsTheTransformAcrossARestart() throws Exception {
        try (var server = JetStreamServer.start(storeDir);
                var connection = Nats.connect(server.url())) {
            connection
                    .jetStreamManagement()
                    .addStream(StreamConfiguration.builder()
                            .name("R")
                            .subjects("r.*")
                            .subjectTransform(SubjectTransform.builder()
                                    .source("r.*")
                                    .destination("s.{{partition(4,1)}}.$1")
                                    .build())
                            .build());
        }
        try (var server = JetStreamServer.start(storeDir);
                var connection = Nats.connect(server.url())) {
            connection.jetStream().publish("r.foo", new byte[] {1});

            // FNV-1a of "foo" is 0xa9f37ed7, which is 3 modulo 4
            assertThat(connection.jetStreamManagement().getMessage("R", 1).getSubject())
                    .isEqualTo("s.3.foo");
        }
    }
}
