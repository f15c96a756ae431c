package io.junction.jetstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.junction.jetstream.store.LogCapture;
import io.nats.client.JetStreamApiException;
import io.nats.client.Nats;
import io.nats.client.api.StreamConfiguration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stream whose {@code meta.state} was damaged while the server was down is skipped; the rest is served. */
class DamagedStreamMetaTest {
    @TempDir
    Path storeDir;

    @Test
    void skipsAStreamWhoseMetaStateHasAFlippedByteAndServesTheOthers() throws Exception {
        writeStreams();
        var meta = metaOf("P");
        var bytes = Files.readAllBytes(meta);
        bytes[bytes.length - 5] ^= 0x20;
        Files.write(meta, bytes);

        restartAndCheck(meta, bytes);
    }

    @Test
    void skipsAStreamWhoseMetaStateWasTruncatedToNothing() throws Exception {
        writeStreams();
        var meta = metaOf("P");
        Files.write(meta, new byte[0]);

        restartAndCheck(meta, new byte[0]);
    }

    private void writeStreams() throws Exception {
        try (var server = JetStreamServer.start(storeDir);
                var connection = Nats.connect(server.url())) {
            var jsm = connection.jetStreamManagement();
            jsm.addStream(
                    StreamConfiguration.builder().name("P").subjects("p.>").build());
            jsm.addStream(
                    StreamConfiguration.builder().name("Q").subjects("q.>").build());
            connection.jetStream().publish("p.a", "one".getBytes(StandardCharsets.UTF_8));
            connection.jetStream().publish("q.a", "two".getBytes(StandardCharsets.UTF_8));
        }
    }

    private void restartAndCheck(Path meta, byte[] damaged) throws Exception {
        var segments = listing(storeDir.resolve("jetstream/$G/streams/P/msgs"));
        try (var log = new LogCapture(StreamRegistry.class);
                var server = JetStreamServer.start(storeDir);
                var connection = Nats.connect(server.url())) {
            var jsm = connection.jetStreamManagement();
            var subscription = connection.subscribe("core.x");
            connection.publish("core.x", "hello".getBytes(StandardCharsets.UTF_8));

            assertThat(log.warnings()).anySatisfy(line -> assertThat(line).contains(meta.toString()));
            assertThat(jsm.getStreamInfo("Q").getStreamState().getMsgCount()).isEqualTo(1);
            assertThat(jsm.getMessage("Q", 1).getData()).isEqualTo("two".getBytes(StandardCharsets.UTF_8));
            assertThatThrownBy(() -> jsm.getStreamInfo("P"))
                    .isInstanceOf(JetStreamApiException.class)
                    .satisfies(e -> assertThat(((JetStreamApiException) e).getApiErrorCode())
                            .isEqualTo(10059));
            assertThat(subscription.nextMessage(Duration.ofSeconds(5))).isNotNull();
        }
        assertThat(Files.readAllBytes(meta)).isEqualTo(damaged);
        assertThat(listing(storeDir.resolve("jetstream/$G/streams/P/msgs"))).isEqualTo(segments);
    }

    private Path metaOf(String stream) {
        return storeDir.resolve("jetstream/$G/streams/" + stream + "/meta.state");
    }

    private static java.util.List<String> listing(Path directory) throws IOException {
        try (var files = Files.list(directory)) {
            return files.map(file -> file.getFileName() + ":" + size(file))
                    .sorted()
                    .toList();
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
