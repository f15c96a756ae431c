package io.junction.jetstream;

import static io.junction.jetstream.MirrorTest.awaitLastSequence;
import static io.junction.jetstream.SourcesTest.sourceHeaders;
import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.Mirror;
import io.nats.client.api.Source;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.SubjectTransform;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code subject_transforms} of sources and mirrors, through the official Java client. */
class SourceTransformTest {
    @TempDir
    Path storeDir;

    @Test
    void aSourceCopiesWhatItsTransformsMatchUnderTheTransformedSubjects() throws Exception {
        try (var server = JetStreamServer.start(storeDir);
                var connection = Nats.connect(server.url())) {
            var jsm = connection.jetStreamManagement();
            jsm.addStream(
                    StreamConfiguration.builder().name("A").subjects("a.>").build());
            var js = connection.jetStream();
            js.publish("a.x.1", new byte[] {1});
            js.publish("a.z.2", new byte[] {2});
            js.publish("a.y.3.4", new byte[] {3});

            jsm.addStream(StreamConfiguration.builder()
                    .name("S")
                    .sources(Source.builder()
                            .sourceName("A")
                            .subjectTransforms(transform("a.x.*", "from-x.$1"), transform("a.y.>", "from-y.>"))
                            .build())
                    .build());
            awaitLastSequence(jsm, "S", 2);
            js.publish("a.x.5", new byte[] {5});
            awaitLastSequence(jsm, "S", 3);

            assertThat(subjects(jsm, "S", 3)).containsExactly("from-x.1", "from-y.3.4", "from-x.5");
            assertThat(sourceHeaders(jsm, "S", 3))
                    .containsExactly(
                            "A 1 a.x.*\fa.y.> from-x.$1\ffrom-y.>",
                            "A 3 a.x.*\fa.y.> from-x.$1\ffrom-y.>",
                            "A 4 a.x.*\fa.y.> from-x.$1\ffrom-y.>");
            var info = jsm.getStreamInfo("S");
            var source = info.getSourceInfos().getFirst();
            assertThat(source.getSubjectTransforms())
                    .extracting(t -> t.getSource() + " " + t.getDestination())
                    .containsExactly("a.x.* from-x.$1", "a.y.> from-y.>");
            assertThat(source.getLag()).isZero();
            assertThat(info.getConfiguration().getSources().getFirst().getSubjectTransforms())
                    .hasSize(2);
        }
    }

    @Test
    void aSourceResumesAfterARestartFromTheLastSourceHeaderWithTransforms() throws Exception {
        var config = StreamConfiguration.builder()
                .name("S")
                .sources(Source.builder()
                        .sourceName("A")
                        .subjectTransforms(transform("a.*", "b.$1"))
                        .build())
                .build();
        try (var server = JetStreamServer.start(storeDir);
                var connection = Nats.connect(server.url())) {
            var jsm = connection.jetStreamManagement();
            jsm.addStream(
                    StreamConfiguration.builder().name("A").subjects("a.*").build());
            jsm.addStream(config);
            MirrorTest.publish(connection, "a.k", 1, 2);
            awaitLastSequence(jsm, "S", 2);
        }

        try (var server = JetStreamServer.start(storeDir);
                var connection = Nats.connect(server.url())) {
            var jsm = connection.jetStreamManagement();
            MirrorTest.publish(connection, "a.k", 3, 3);
            awaitLastSequence(jsm, "S", 3);

            assertThat(sourceHeaders(jsm, "S", 3)).containsExactly("A 1 a.* b.$1", "A 2 a.* b.$1", "A 3 a.* b.$1");
            assertThat(jsm.getStreamInfo("S").getStreamState().getMsgCount()).isEqualTo(3);
        }
    }

    @Test
    void twoSourcesOfOneStreamWithDifferentTransformsAreBothCopied() throws Exception {
        try (var server = JetStreamServer.start(storeDir);
                var connection = Nats.connect(server.url())) {
            var jsm = connection.jetStreamManagement();
            jsm.addStream(
                    StreamConfiguration.builder().name("A").subjects("a.*").build());
            connection.jetStream().publish("a.k", new byte[] {1});

            jsm.addStream(StreamConfiguration.builder()
                    .name("TWO")
                    .sources(
                            Source.builder()
                                    .sourceName("A")
                                    .subjectTransforms(transform("a.*", "one.$1"))
                                    .build(),
                            Source.builder()
                                    .sourceName("A")
                                    .subjectTransforms(transform("a.*", "two.$1"))
                                    .build())
                    .build());
            awaitLastSequence(jsm, "TWO", 2);

            assertThat(subjects(jsm, "TWO", 2)).containsExactlyInAnyOrder("one.k", "two.k");
        }
    }

    @Test
    void aTransformWithoutDestinationFiltersAndKeepsTheSubject() throws Exception {
        try (var server = JetStreamServer.start(storeDir);
                var connection = Nats.connect(server.url())) {
            var jsm = connection.jetStreamManagement();
            jsm.addStream(
                    StreamConfiguration.builder().name("A").subjects("a.*").build());
            MirrorTest.publish(connection, "a.skip", 1, 1);
            MirrorTest.publish(connection, "a.keep", 2, 2);

            var created = connection.request(
                    "$JS.API.STREAM.CREATE.F",
                    ("{\"name\":\"F\",\"sources\":[{\"name\":\"A\",\"subject_transforms\":[{\"src\":\"a.keep\","
                                    + "\"dest\":\"\"}]}]}")
                            .getBytes(StandardCharsets.UTF_8),
                    Duration.ofSeconds(5));
            awaitLastSequence(jsm, "F", 1);

            assertThat(new String(created.getData(), StandardCharsets.UTF_8))
                    .contains("\"subject_transforms\":[{\"src\":\"a.keep\",\"dest\":\"\"}]");
            assertThat(subjects(jsm, "F", 1)).containsExactly("a.keep");
            assertThat(sourceHeaders(jsm, "F", 1)).containsExactly("A 2 a.keep >");
        }
    }

    @Test
    void aMirrorWithTransformsKeepsTheOriginSequencesOfWhatItCopies() throws Exception {
        try (var server = JetStreamServer.start(storeDir);
                var connection = Nats.connect(server.url())) {
            var jsm = connection.jetStreamManagement();
            jsm.addStream(
                    StreamConfiguration.builder().name("A").subjects("a.*.*").build());
            var js = connection.jetStream();
            js.publish("a.x.1", new byte[] {1});
            js.publish("a.y.2", new byte[] {2});
            js.publish("a.x.3", new byte[] {3});

            jsm.addStream(StreamConfiguration.builder()
                    .name("M")
                    .mirror(Mirror.builder()
                            .sourceName("A")
                            .subjectTransforms(transform("a.x.*", "m.{{wildcard(1)}}"))
                            .build())
                    .build());
            awaitLastSequence(jsm, "M", 3);

            assertThat(jsm.getMessage("M", 1).getSubject()).isEqualTo("m.1");
            assertThat(jsm.getMessage("M", 3).getSubject()).isEqualTo("m.3");
            assertThat(jsm.getStreamInfo("M").getStreamState().getMsgCount()).isEqualTo(2);
            assertThat(jsm.getStreamInfo("M").getMirrorInfo().getSubjectTransforms())
                    .extracting(t -> t.getSource() + " " + t.getDestination())
                    .containsExactly("a.x.* m.{{wildcard(1)}}");
        }
    }

    private static SubjectTransform transform(String source, String destination) {
        return SubjectTransform.builder()
                .source(source)
                .destination(destination)
                .build();
    }

    private static List<String> subjects(JetStreamManagement jsm, String stream, long last) throws Exception {
        var subjects = new ArrayList<String>();
        for (var sequence = 1; sequence <= last; sequence++) {
            subjects.add(jsm.getMessage(stream, sequence).getSubject());
        }
        return subjects;
    }
}
