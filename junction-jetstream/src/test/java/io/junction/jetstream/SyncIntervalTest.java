package io.junction.jetstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.nats.server.NatsServer;
import io.junction.nats.server.ServerOptions;
import io.nats.client.Nats;
import io.nats.client.api.StreamConfiguration;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** nats-server's looser durability, when asked for: acks come before the fsync, and messages still persist. */
class SyncIntervalTest {
    @TempDir
    Path storeDir;

    @Test
    void acknowledgesAndKeepsMessagesWithASyncInterval() throws Exception {
        var port = startPublishAndStop(ServerOptions.RANDOM_PORT);

        var server = start(port);
        try (var connection = Nats.connect(server.clientUrl())) {
            var state = connection.jetStreamManagement().getStreamInfo("S").getStreamState();
            assertThat(state.getMsgCount()).isEqualTo(100);
            assertThat(state.getLastSequence()).isEqualTo(100);
        } finally {
            server.close();
        }
    }

    private int startPublishAndStop(int port) throws Exception {
        var server = start(port);
        try (var connection = Nats.connect(server.clientUrl())) {
            connection
                    .jetStreamManagement()
                    .addStream(StreamConfiguration.builder()
                            .name("S")
                            .subjects("s")
                            .build());
            var js = connection.jetStream();
            for (var i = 1; i <= 100; i++) {
                assertThat(js.publish("s", new byte[] {(byte) i}).getSeqno()).isEqualTo(i);
            }
            return server.port();
        } finally {
            server.close();
        }
    }

    private NatsServer start(int port) {
        var server = new NatsServer(
                ServerOptions.builder().host("127.0.0.1").port(port).build());
        var jetStream = new JetStream(server, new JetStreamConfig(storeDir, -1, -1, Duration.ofMillis(50)));
        jetStream.start();
        server.addCompanion(jetStream);
        server.start();
        return server;
    }
}
