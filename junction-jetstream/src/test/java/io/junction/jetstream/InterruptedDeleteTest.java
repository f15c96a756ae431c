package io.junction.jetstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nats.client.JetStreamApiException;
import io.nats.client.Nats;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.StreamConfiguration;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stream or consumer delete that a crash interrupted: the directory was marked as being deleted before anything of
 * it went, so a start removes what is left rather than loading a stream with some of its consumers.
 */
class InterruptedDeleteTest {
    @TempDir
    Path storeDir;

    private Path streamDirectory(String stream) {
        return storeDir.resolve("jetstream/$G/streams/" + stream);
    }

    private void writeStreams() throws Exception {
        try (var server = JetStreamServer.start(storeDir);
                var connection = Nats.connect(server.url())) {
            var jsm = connection.jetStreamManagement();
            for (var name : new String[] {"P", "Q"}) {
                jsm.addStream(StreamConfiguration.builder()
                        .name(name)
                        .subjects(name.toLowerCase() + ".>")
                        .build());
                for (var consumer = 1; consumer <= 3; consumer++) {
                    jsm.addOrUpdateConsumer(
                            name,
                            ConsumerConfiguration.builder()
                                    .durable("c" + consumer)
                                    .build());
                }
                connection.jetStream().publish(name.toLowerCase() + ".a", "one".getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void removesAStreamWhoseDeleteACrashInterruptedInsteadOfLoadingItWithSomeConsumers() throws Exception {
        writeStreams();
        Stores.markDeleting(streamDirectory("P"));
        Stores.deleteOnce(streamDirectory("P").resolve("obs/c1"));

        try (var server = JetStreamServer.start(storeDir);
                var connection = Nats.connect(server.url())) {
            var jsm = connection.jetStreamManagement();

            assertThatThrownBy(() -> jsm.getStreamInfo("P"))
                    .isInstanceOf(JetStreamApiException.class)
                    .satisfies(e -> assertThat(((JetStreamApiException) e).getApiErrorCode())
                            .isEqualTo(10059));
            assertThat(Files.exists(streamDirectory("P"))).isFalse();
            assertThat(jsm.getStreamInfo("Q").getStreamState().getMsgCount()).isEqualTo(1);
            assertThat(jsm.getConsumerNames("Q")).containsExactlyInAnyOrder("c1", "c2", "c3");
        }
    }

    @Test
    void removesAConsumerWhoseDeleteACrashInterruptedInsteadOfStartingItAfresh() throws Exception {
        writeStreams();
        var consumer = streamDirectory("Q").resolve("obs/c2");
        Stores.markDeleting(consumer);
        Files.delete(consumer.resolve("meta.state"));

        try (var server = JetStreamServer.start(storeDir);
                var connection = Nats.connect(server.url())) {
            var jsm = connection.jetStreamManagement();

            assertThat(jsm.getConsumerNames("Q")).containsExactlyInAnyOrder("c1", "c3");
            assertThat(Files.exists(consumer)).isFalse();
        }
    }

    @Test
    void deletesAStreamWithItsConsumersLeavingNothingBehind() throws Exception {
        writeStreams();

        try (var server = JetStreamServer.start(storeDir);
                var connection = Nats.connect(server.url())) {
            var jsm = connection.jetStreamManagement();
            jsm.deleteConsumer("Q", "c3");
            jsm.deleteStream("P");

            assertThat(Files.exists(streamDirectory("P"))).isFalse();
            assertThat(Files.exists(streamDirectory("Q").resolve("obs/c3"))).isFalse();
            assertThat(jsm.getConsumerNames("Q")).containsExactlyInAnyOrder("c1", "c2");
        }
    }

    @Test
    void aStreamCreatedWhereAnUnfinishedDeleteLeftItsMarkOutlivesTheNextStart() throws Exception {
        // what a delete that could not remove every file leaves: the directory, marked, with something in it
        var leftover = streamDirectory("R");
        Files.createDirectories(leftover.resolve("msgs"));
        Stores.markDeleting(leftover);

        try (var server = JetStreamServer.start(storeDir);
                var connection = Nats.connect(server.url())) {
            var jsm = connection.jetStreamManagement();
            // the start removed the marked directory; a new one made in its place must not be marked
            Files.createDirectories(leftover.resolve("msgs"));
            Stores.markDeleting(leftover);
            jsm.addStream(StreamConfiguration.builder().name("R").subjects("r").build());
            jsm.addOrUpdateConsumer(
                    "R", ConsumerConfiguration.builder().durable("d").build());
            connection.jetStream().publish("r", "kept".getBytes(StandardCharsets.UTF_8));
        }

        try (var server = JetStreamServer.start(storeDir);
                var connection = Nats.connect(server.url())) {
            var jsm = connection.jetStreamManagement();

            assertThat(jsm.getStreamInfo("R").getStreamState().getMsgCount()).isEqualTo(1);
            assertThat(jsm.getConsumerNames("R")).containsExactly("d");
        }
    }
}
