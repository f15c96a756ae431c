package io.junction.jetstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.junction.nats.server.NatsServer;
import io.junction.nats.server.ServerOptions;
import io.nats.client.JetStreamApiException;
import io.nats.client.Nats;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** max_file and max_mem limit what the account may reserve and store, with nats-server's errors. */
class AccountLimitsTest {
    @TempDir
    Path storeDir;

    @Test
    void refusesReservationsAndPublishesBeyondTheAccountsStorage() throws Exception {
        var server = new NatsServer(
                ServerOptions.builder().host("127.0.0.1").port(-1).build());
        var jetStream = new JetStream(server, new JetStreamConfig(storeDir, 4096, 10_000));
        jetStream.start();
        server.addCompanion(jetStream);
        server.start();
        try (var connection = Nats.connect(server.clientUrl())) {
            var jsm = connection.jetStreamManagement();
            jsm.addStream(StreamConfiguration.builder()
                    .name("A")
                    .subjects("a")
                    .maxBytes(6_000)
                    .build());

            assertThatThrownBy(() -> jsm.addStream(StreamConfiguration.builder()
                            .name("B")
                            .subjects("b")
                            .maxBytes(6_000)
                            .build()))
                    .isInstanceOf(JetStreamApiException.class)
                    .satisfies(e -> assertThat(((JetStreamApiException) e).getApiErrorCode())
                            .isEqualTo(10047));
            jsm.addStream(StreamConfiguration.builder()
                    .name("M")
                    .subjects("m")
                    .storageType(StorageType.Memory)
                    .build());
            var js = connection.jetStream();
            js.publish("m", new byte[3000]);
            assertThatThrownBy(() -> js.publish("m", new byte[3000]))
                    .isInstanceOf(JetStreamApiException.class)
                    .satisfies(e -> assertThat(((JetStreamApiException) e).getApiErrorCode())
                            .isEqualTo(10002));
        } finally {
            server.close();
        }
    }

    @Test
    void refusesAMemoryReservationBeyondMaxMemWithTheMemoryError() throws Exception {
        var server = new NatsServer(
                ServerOptions.builder().host("127.0.0.1").port(-1).build());
        var jetStream = new JetStream(server, new JetStreamConfig(storeDir, 4096, 10_000));
        jetStream.start();
        server.addCompanion(jetStream);
        server.start();
        try (var connection = Nats.connect(server.clientUrl())) {
            var jsm = connection.jetStreamManagement();

            assertThatThrownBy(() -> jsm.addStream(StreamConfiguration.builder()
                            .name("M")
                            .subjects("m")
                            .storageType(StorageType.Memory)
                            .maxBytes(5_000)
                            .build()))
                    .isInstanceOf(JetStreamApiException.class)
                    .satisfies(e -> {
                        var error = ((JetStreamApiException) e).getApiErrorCode();
                        assertThat(error).isEqualTo(10028);
                        assertThat(e.getMessage()).contains("insufficient memory resources available");
                        assertThat(((JetStreamApiException) e).getErrorCode()).isEqualTo(500);
                    });
        } finally {
            server.close();
        }
    }
}
