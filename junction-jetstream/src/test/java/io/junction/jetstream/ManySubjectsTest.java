package io.junction.jetstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamOptions;
import io.nats.client.Nats;
import io.nats.client.api.StreamConfiguration;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Streams of very many literal subjects: their overlap checks look literal subjects up rather than compare every
 * pair, so that one large create does not hold the API thread, which serves every client, for minutes.
 */
class ManySubjectsTest {
    private static final int SUBJECTS = 30_000;

    @TempDir
    Path storeDir;

    @Test
    void createsAStreamOfManyLiteralSubjectsAndStillFindsTheirOverlaps() throws Exception {
        try (var server = JetStreamServer.start(storeDir);
                var connection = Nats.connect(server.url())) {
            // compared pair by pair, the create and the overlapping one took minutes
            var jsm = connection.jetStreamManagement(JetStreamOptions.builder()
                    .requestTimeout(Duration.ofSeconds(60))
                    .build());
            var subjects =
                    IntStream.range(0, SUBJECTS).mapToObj(i -> "many." + i).toList();

            var created = jsm.addStream(StreamConfiguration.builder()
                    .name("MANY")
                    .subjects(subjects)
                    .build());
            var ack = connection.jetStream().publish("many." + (SUBJECTS - 1), new byte[] {1});

            assertThat(created.getConfiguration().getSubjects()).hasSize(SUBJECTS);
            assertThat(ack.getStream()).isEqualTo("MANY");
            assertThatThrownBy(() -> jsm.addStream(StreamConfiguration.builder()
                            .name("OTHER")
                            .subjects("other.1", "many.29999")
                            .build()))
                    .isInstanceOfSatisfying(JetStreamApiException.class, e -> assertThat(e.getApiErrorCode())
                            .isEqualTo(10065));
            assertThatThrownBy(() -> jsm.addStream(StreamConfiguration.builder()
                            .name("SELF")
                            .subjects("self.a", "self.b", "self.*")
                            .build()))
                    .isInstanceOfSatisfying(JetStreamApiException.class, e -> assertThat(e.getErrorDescription())
                            .isEqualTo("subject \"self.a\" overlaps with \"self.*\""));
        }
    }
}
