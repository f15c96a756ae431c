package io.junction.jetstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.Mirror;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mirrors of streams on the same server, through the official Java client. */
class MirrorTest {
    @TempDir
    Path storeDir;

    @TempDir
    Path saved;

    @Test
    void mirrorKeepsOriginSequencesHeadersPayloadsAndGaps() throws Exception {
        try (var server = JetStreamServer.start(storeDir);
                var connection = Nats.connect(server.url())) {
            var jsm = connection.jetStreamManagement();
            jsm.addStream(StreamConfiguration.builder()
                    .name("ORDERS")
                    .subjects("orders.>")
                    .build());
            var headers = new Headers().add("Trace", "t-1");
            connection
                    .jetStream()
                    .publish(NatsMessage.builder()
                            .subject("orders.a")
                            .headers(headers)
                            .data("one")
                            .build());
            for (var i = 2; i <= 5; i++) {
                connection.jetStream().publish("orders.b", ("m" + i).getBytes(StandardCharsets.UTF_8));
            }
            jsm.deleteMessage("ORDERS", 3);

            var info = jsm.addStream(StreamConfiguration.builder()
                    .name("BACKUP")
                    .mirror(Mirror.builder().sourceName("ORDERS").build())
                    .build());
            awaitLastSequence(jsm, "BACKUP", 5);

            assertThat(info.getConfiguration().getSubjects()).isEmpty();
            assertThat(info.getConfiguration().getMirror().getSourceName()).isEqualTo("ORDERS");
            var state = jsm.getStreamInfo("BACKUP").getStreamState();
            assertThat(state.getMsgCount()).isEqualTo(4);
            assertThat(state.getFirstSequence()).isEqualTo(1);
            var first = jsm.getMessage("BACKUP", 1);
            assertThat(first.getSubject()).isEqualTo("orders.a");
            assertThat(first.getHeaders().getFirst("Trace")).isEqualTo("t-1");
            assertThat(new String(first.getData(), StandardCharsets.UTF_8)).isEqualTo("one");
            assertThat(jsm.getMessage("BACKUP", 5).getData()).isEqualTo("m5".getBytes(StandardCharsets.UTF_8));
            assertThat(jsm.getMessage("BACKUP", 5).getTime())
                    .isEqualTo(jsm.getMessage("ORDERS", 5).getTime());
            assertThatThrownBy(() -> jsm.getMessage("BACKUP", 3))
                    .isInstanceOfSatisfying(JetStreamApiException.class, e -> assertThat(e.getApiErrorCode())
                            .isEqualTo(10037));
        }
    }

    @Test
    void mirrorFollowsNewMessagesAndReportsLagAndActivity() throws Exception {
        try (var server = JetStreamServer.start(storeDir);
                var connection = Nats.connect(server.url())) {
            var jsm = connection.jetStreamManagement();
            jsm.addStream(StreamConfiguration.builder()
                    .name("ORDERS")
                    .subjects("orders.>")
                    .build());
            jsm.addStream(StreamConfiguration.builder()
                    .name("BACKUP")
                    .mirror(Mirror.builder().sourceName("ORDERS").build())
                    .build());

            publish(connection, "orders.x", 1, 3);
            awaitLastSequence(jsm, "BACKUP", 3);

            var mirror = jsm.getStreamInfo("BACKUP").getMirrorInfo();
            assertThat(mirror.getName()).isEqualTo("ORDERS");
            assertThat(mirror.getLag()).isZero();
            assertThat(mirror.getActive()).isBetween(Duration.ZERO, Duration.ofSeconds(3));
            assertThat(jsm.getStreamInfo("ORDERS").getStreamState().getConsumerCount())
                    .isZero();
        }
    }

    @Test
    void mirrorOfAStreamCreatedLaterStartsCopyingOnceItExists() throws Exception {
        try (var server = JetStreamServer.start(storeDir);
                var connection = Nats.connect(server.url())) {
            var jsm = connection.jetStreamManagement();
            jsm.addStream(StreamConfiguration.builder()
                    .name("BACKUP")
                    .mirror(Mirror.builder().sourceName("ORDERS").build())
                    .build());
            assertThat(jsm.getStreamInfo("BACKUP").getMirrorInfo().getActive()).isEqualTo(Duration.ofNanos(-1));

            jsm.addStream(StreamConfiguration.builder()
                    .name("ORDERS")
                    .subjects("orders.>")
                    .build());
            publish(connection, "orders.x", 1, 2);

            awaitLastSequence(jsm, "BACKUP", 2);
        }
    }

    @Test
    void mirrorWithFilterAndStartSequenceCopiesOnlyThoseUnderTheirOriginSequences() throws Exception {
        try (var server = JetStreamServer.start(storeDir);
                var connection = Nats.connect(server.url())) {
            var jsm = connection.jetStreamManagement();
            jsm.addStream(StreamConfiguration.builder()
                    .name("ORDERS")
                    .subjects("orders.>")
                    .build());
            for (var i = 1; i <= 8; i++) {
                connection.jetStream().publish(i % 2 == 0 ? "orders.even" : "orders.odd", new byte[] {(byte) i});
            }

            jsm.addStream(StreamConfiguration.builder()
                    .name("EVEN")
                    .mirror(Mirror.builder()
                            .sourceName("ORDERS")
                            .filterSubject("orders.even")
                            .startSeq(4)
                            .build())
                    .build());
            awaitLastSequence(jsm, "EVEN", 8);

            var state = jsm.getStreamInfo("EVEN").getStreamState();
            assertThat(state.getMsgCount()).isEqualTo(3);
            assertThat(state.getFirstSequence()).isEqualTo(4);
            for (var sequence : new long[] {4, 6, 8}) {
                assertThat(jsm.getMessage("EVEN", sequence).getData()).containsExactly((byte) sequence);
            }
        }
    }

    @Test
    void mirrorBehindAfterACrashCatchesUpWithoutDuplicatesOrGaps() throws Exception {
        try (var server = JetStreamServer.start(storeDir);
                var connection = Nats.connect(server.url())) {
            var jsm = connection.jetStreamManagement();
            jsm.addStream(StreamConfiguration.builder()
                    .name("ORDERS")
                    .subjects("orders.>")
                    .build());
            jsm.addStream(StreamConfiguration.builder()
                    .name("BACKUP")
                    .mirror(Mirror.builder().sourceName("ORDERS").build())
                    .build());
            publish(connection, "orders.x", 1, 3);
            awaitLastSequence(jsm, "BACKUP", 3);
        }
        var segments = storeDir.resolve("jetstream/$G/streams/BACKUP/msgs");
        StoreCopies.copy(segments, saved);
        try (var server = JetStreamServer.start(storeDir);
                var connection = Nats.connect(server.url())) {
            publish(connection, "orders.x", 4, 6);
            awaitLastSequence(connection.jetStreamManagement(), "BACKUP", 6);
        }
        StoreCopies.copy(saved, segments);

        try (var server = JetStreamServer.start(storeDir);
                var connection = Nats.connect(server.url())) {
            var jsm = connection.jetStreamManagement();
            publish(connection, "orders.x", 7, 7);
            awaitLastSequence(jsm, "BACKUP", 7);

            assertThat(jsm.getStreamInfo("BACKUP").getStreamState().getMsgCount())
                    .isEqualTo(7);
            for (var sequence = 1; sequence <= 7; sequence++) {
                assertThat(jsm.getMessage("BACKUP", sequence).getData()).containsExactly((byte) sequence);
            }
        }
    }

    @Test
    void publishToAMirrorIsNotCaptured() throws Exception {
        try (var server = JetStreamServer.start(storeDir);
                var connection = Nats.connect(server.url())) {
            var jsm = connection.jetStreamManagement();
            jsm.addStream(StreamConfiguration.builder()
                    .name("ORDERS")
                    .subjects("orders.>")
                    .build());
            jsm.addStream(StreamConfiguration.builder()
                    .name("BACKUP")
                    .mirror(Mirror.builder().sourceName("ORDERS").build())
                    .build());

            assertThatThrownBy(() -> connection.jetStream().publish("BACKUP", new byte[] {1}))
                    .isInstanceOf(IOException.class);
            assertThat(jsm.getStreamInfo("BACKUP").getStreamState().getMsgCount())
                    .isZero();
        }
    }

    static void publish(Connection connection, String subject, int from, int to) throws Exception {
        for (var i = from; i <= to; i++) {
            connection.jetStream().publish(subject, new byte[] {(byte) i});
        }
    }

    static void awaitLastSequence(JetStreamManagement jsm, String stream, long last) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                        jsm.getStreamInfo(stream).getStreamState().getLastSequence())
                .isEqualTo(last));
    }
}
