package io.junction.jetstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.junction.nats.server.JszOptions;
import io.junction.nats.server.NatsServer;
import io.junction.nats.server.ServerOptions;
import io.nats.client.JetStreamApiException;
import io.nats.client.Nats;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * max_file and max_mem limit what the account may reserve and store, with nats-server's errors, and have
 * defaults when the configuration leaves them out.
 */
class AccountLimitsTest {
    /** Other processes write to the same disk while the test measures its free space. */
    private static final long FREE_SPACE_DRIFT = 1L << 30;

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
                    .satisfies(e -> {
                        assertThat(((JetStreamApiException) e).getApiErrorCode())
                                .isEqualTo(10023);
                        assertThat(e.getMessage()).contains("insufficient resources");
                    });
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

    @Test
    void defaultsMaxMemToHalfTheHeapAndRefusesAMemoryStreamBeyondIt() throws Exception {
        var server = new NatsServer(
                ServerOptions.builder().host("127.0.0.1").port(-1).build());
        var jetStream = new JetStream(server, new JetStreamConfig(storeDir, -1, -1));
        jetStream.start();
        server.addCompanion(jetStream);
        server.start();
        try (var connection = Nats.connect(server.clientUrl())) {
            var jsm = connection.jetStreamManagement();

            var jsz = server.jetStreamReport(JszOptions.PLAIN).path("config");
            var limits = jsm.getAccountStatistics().getLimits();

            assertThat(jsz.path("max_memory").asLong())
                    .isEqualTo(Runtime.getRuntime().maxMemory() / 2);
            assertThat(jsz.path("max_storage").asLong())
                    .isPositive()
                    .isCloseTo(DefaultLimits.storage(storeDir.resolve("jetstream")), within(FREE_SPACE_DRIFT));
            // as in nats-server, the account has no limits of its own: the server's are in /jsz
            assertThat(limits.getMaxMemory()).isEqualTo(-1);
            assertThat(limits.getMaxStorage()).isEqualTo(-1);
            assertThatThrownBy(() -> jsm.addStream(StreamConfiguration.builder()
                            .name("MEM")
                            .subjects("mem")
                            .storageType(StorageType.Memory)
                            .maxBytes(1_000_000_000_000_000L)
                            .build()))
                    .isInstanceOf(JetStreamApiException.class)
                    .satisfies(e -> {
                        assertThat(((JetStreamApiException) e).getApiErrorCode())
                                .isEqualTo(10028);
                        assertThat(e.getMessage()).contains("insufficient memory resources available");
                    });
            assertThatThrownBy(() -> jsm.addStream(StreamConfiguration.builder()
                            .name("FILE")
                            .subjects("file")
                            .maxBytes(Long.MAX_VALUE / 2)
                            .build()))
                    .isInstanceOf(JetStreamApiException.class)
                    .satisfies(e -> assertThat(((JetStreamApiException) e).getApiErrorCode())
                            .isEqualTo(10047));
        } finally {
            server.close();
        }
    }

    @Test
    void takesTheStoreDirectorysFreeSpaceAsNatsServerDoes() {
        var missing = storeDir.resolve("not/yet/there");

        assertThat(DefaultLimits.storage(missing)).isCloseTo(DefaultLimits.storage(storeDir), within(FREE_SPACE_DRIFT));
        assertThat(DefaultLimits.storage(storeDir))
                .isCloseTo(storeDir.toFile().getUsableSpace() / 4 * 3, within(FREE_SPACE_DRIFT));
    }
}
