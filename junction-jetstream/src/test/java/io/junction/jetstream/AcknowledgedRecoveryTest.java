package io.junction.jetstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StreamConfiguration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash between a durable ack and the removal it causes leaves an acknowledged message in a work-queue stream;
 * the segments from before the removal stand in for that crash here.
 */
class AcknowledgedRecoveryTest {
    @TempDir
    Path storeDir;

    @TempDir
    Path saved;

    @Test
    void recoveryRemovesWorkQueueMessagesWhoseAckWasDurableButWhoseRemovalWasNot() throws Exception {
        try (var server = JetStreamServer.start(storeDir);
                var connection = Nats.connect(server.url())) {
            var jsm = connection.jetStreamManagement();
            jsm.addStream(StreamConfiguration.builder()
                    .name("JOBS")
                    .subjects("jobs.>")
                    .retentionPolicy(RetentionPolicy.WorkQueue)
                    .build());
            jsm.addOrUpdateConsumer(
                    "JOBS",
                    ConsumerConfiguration.builder()
                            .durable("w")
                            .ackPolicy(AckPolicy.Explicit)
                            .build());
            for (var i = 0; i < 3; i++) {
                connection.jetStream().publish("jobs.x", new byte[] {(byte) i});
            }
        }
        var segments = storeDir.resolve("jetstream/$G/streams/JOBS/msgs");
        copy(segments, saved);
        try (var server = JetStreamServer.start(storeDir);
                var connection = Nats.connect(server.url())) {
            var subscription = connection.jetStream().subscribe(null, PullSubscribeOptions.bind("JOBS", "w"));
            subscription.fetch(2, Duration.ofSeconds(5)).forEach(message -> ackSync(message));
        }
        copy(saved, segments);

        try (var server = JetStreamServer.start(storeDir);
                var connection = Nats.connect(server.url())) {
            var state = connection.jetStreamManagement().getStreamInfo("JOBS").getStreamState();

            assertThat(state.getMsgCount()).isEqualTo(1);
            assertThat(state.getFirstSequence()).isEqualTo(3);
            assertThat(state.getLastSequence()).isEqualTo(3);
        }
    }

    private static void ackSync(Message message) {
        try {
            message.ackSync(Duration.ofSeconds(5));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (var old = Files.walk(to)) {
            old.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(to)).forEach(p -> p.toFile()
                    .delete());
        }
        try (var files = Files.list(from)) {
            for (var file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
