package io.junction.jetstream;

import static io.junction.jetstream.MirrorTest.awaitLastSequence;
import static io.junction.jetstream.MirrorTest.publish;
import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.Source;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Streams that source from streams on the same server, through the official Java client. */
class SourcesTest {
    @TempDir
    Path storeDir;

    @TempDir
    Path saved;

    @Test
    void sourcesAppendEachOriginsMessagesWithTheSourceHeaderBesideTheirOwnSubjects() throws Exception {
        try (var server = JetStreamServer.start(storeDir);
                var connection = Nats.connect(server.url())) {
            var jsm = connection.jetStreamManagement();
            jsm.addStream(
                    StreamConfiguration.builder().name("A").subjects("a.>").build());
            jsm.addStream(
                    StreamConfiguration.builder().name("B").subjects("b.>").build());
            publish(connection, "a.x", 1, 2);
            connection
                    .jetStream()
                    .publish(NatsMessage.builder()
                            .subject("b.x")
                            .headers(new Headers().add("Trace", "t-1").add("Nats-Expected-Last-Sequence", "0"))
                            .data(new byte[] {3})
                            .build());

            jsm.addStream(StreamConfiguration.builder()
                    .name("ALL")
                    .subjects("all.>")
                    .sources(
                            Source.builder().sourceName("A").build(),
                            Source.builder().sourceName("B").build())
                    .build());
            awaitLastSequence(jsm, "ALL", 3);
            connection.jetStream().publish("all.own", new byte[] {4});
            publish(connection, "a.x", 5, 5);
            awaitLastSequence(jsm, "ALL", 5);

            assertThat(sourceHeaders(jsm, "ALL", 5))
                    .containsExactlyInAnyOrder("A 1 > >", "A 2 > >", "B 1 > >", null, "A 3 > >");
            var fromB = findByHeader(jsm, "ALL", 5, "B 1 > >");
            assertThat(fromB.getSubject()).isEqualTo("b.x");
            assertThat(fromB.getHeaders().getFirst("Trace")).isEqualTo("t-1");
            assertThat(fromB.getHeaders().containsKey("Nats-Expected-Last-Sequence"))
                    .isFalse();
            assertThat(jsm.getMessage("ALL", 5).getData()).containsExactly((byte) 5);
            var info = jsm.getStreamInfo("ALL");
            assertThat(info.getSourceInfos())
                    .extracting(source -> source.getName() + " lag " + source.getLag())
                    .containsExactlyInAnyOrder("A lag 0", "B lag 0");
        }
    }

    @Test
    void sourceWithFilterAndStartSequenceCopiesOnlyThose() throws Exception {
        try (var server = JetStreamServer.start(storeDir);
                var connection = Nats.connect(server.url())) {
            var jsm = connection.jetStreamManagement();
            jsm.addStream(
                    StreamConfiguration.builder().name("A").subjects("a.>").build());
            for (var i = 1; i <= 6; i++) {
                connection.jetStream().publish(i % 2 == 0 ? "a.even" : "a.odd", new byte[] {(byte) i});
            }

            jsm.addStream(StreamConfiguration.builder()
                    .name("EVEN")
                    .sources(Source.builder()
                            .sourceName("A")
                            .filterSubject("a.even")
                            .startSeq(3)
                            .build())
                    .build());
            awaitLastSequence(jsm, "EVEN", 2);

            assertThat(sourceHeaders(jsm, "EVEN", 2)).containsExactly("A 4 a.even >", "A 6 a.even >");
            assertThat(jsm.getStreamInfo("EVEN").getConfiguration().getSubjects())
                    .isEmpty();
        }
    }

    @Test
    void sourcingBehindAfterACrashResumesFromTheLastSourceHeaderWithoutDuplicates() throws Exception {
        try (var server = JetStreamServer.start(storeDir);
                var connection = Nats.connect(server.url())) {
            var jsm = connection.jetStreamManagement();
            jsm.addStream(
                    StreamConfiguration.builder().name("A").subjects("a.>").build());
            jsm.addStream(
                    StreamConfiguration.builder().name("B").subjects("b.>").build());
            jsm.addStream(StreamConfiguration.builder()
                    .name("ALL")
                    .subjects("all.>")
                    .sources(
                            Source.builder().sourceName("A").build(),
                            Source.builder().sourceName("B").build())
                    .build());
            publish(connection, "a.x", 1, 2);
            awaitLastSequence(jsm, "ALL", 2);
            publish(connection, "b.x", 1, 1);
            awaitLastSequence(jsm, "ALL", 3);
            publish(connection, "all.own", 9, 9);
        }
        var segments = storeDir.resolve("jetstream/$G/streams/ALL/msgs");
        StoreCopies.copy(segments, saved);
        try (var server = JetStreamServer.start(storeDir);
                var connection = Nats.connect(server.url())) {
            publish(connection, "a.x", 3, 4);
            publish(connection, "b.x", 2, 2);
            awaitLastSequence(connection.jetStreamManagement(), "ALL", 7);
        }
        StoreCopies.copy(saved, segments);

        try (var server = JetStreamServer.start(storeDir);
                var connection = Nats.connect(server.url())) {
            var jsm = connection.jetStreamManagement();
            awaitLastSequence(jsm, "ALL", 7);
            publish(connection, "a.x", 5, 5);
            awaitLastSequence(jsm, "ALL", 8);

            assertThat(sourceHeaders(jsm, "ALL", 8))
                    .containsExactlyInAnyOrder(
                            "A 1 > >", "A 2 > >", "B 1 > >", null, "A 3 > >", "A 4 > >", "B 2 > >", "A 5 > >");
        }
    }

    @Test
    void sourceAddedByAnUpdateIsCopied() throws Exception {
        try (var server = JetStreamServer.start(storeDir);
                var connection = Nats.connect(server.url())) {
            var jsm = connection.jetStreamManagement();
            jsm.addStream(
                    StreamConfiguration.builder().name("A").subjects("a.>").build());
            jsm.addStream(
                    StreamConfiguration.builder().name("B").subjects("b.>").build());
            publish(connection, "b.x", 1, 1);
            var config = StreamConfiguration.builder()
                    .name("ALL")
                    .subjects("all.>")
                    .sources(Source.builder().sourceName("A").build())
                    .build();
            jsm.addStream(config);

            StreamInfo updated = jsm.updateStream(StreamConfiguration.builder(config)
                    .addSources(Source.builder().sourceName("B").build())
                    .build());
            awaitLastSequence(jsm, "ALL", 1);

            assertThat(updated.getConfiguration().getSources()).hasSize(2);
            assertThat(sourceHeaders(jsm, "ALL", 1)).containsExactly("B 1 > >");
        }
    }

    static List<String> sourceHeaders(JetStreamManagement jsm, String stream, long last) throws Exception {
        var values = new ArrayList<String>();
        for (var sequence = 1; sequence <= last; sequence++) {
            var headers = jsm.getMessage(stream, sequence).getHeaders();
            values.add(headers == null ? null : headers.getFirst("Nats-Stream-Source"));
        }
        return values;
    }

    private static io.nats.client.api.MessageInfo findByHeader(
            JetStreamManagement jsm, String stream, long last, String value) throws Exception {
        for (var sequence = 1; sequence <= last; sequence++) {
            var message = jsm.getMessage(stream, sequence);
            if (message.getHeaders() != null
                    && value.equals(message.getHeaders().getFirst("Nats-Stream-Source"))) {
                return message;
            }
        }
        throw new AssertionError("no message with source " + value);
    }
}
