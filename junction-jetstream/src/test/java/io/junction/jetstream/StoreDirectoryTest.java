package io.junction.jetstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.junction.jetstream.store.StoreException;
import io.junction.nats.server.NatsServer;
import io.junction.nats.server.ServerOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JetStream checks its store directory at start, with nats-server's reasons, instead of at the first stream. */
class StoreDirectoryTest {
    @TempDir
    Path dir;

    @Test
    void createsTheJetStreamDirectoryAtStart() {
        var storeDir = dir.resolve("new/store");

        var jetStream = start(storeDir);
        jetStream.close();

        assertThat(storeDir.resolve("jetstream")).isDirectory();
    }

    @Test
    void refusesToStartWhenTheDirectoryCannotBeCreated() {
        assertThatThrownBy(() -> start(Path.of("/proc/nonexistent/x")))
                .isInstanceOf(StoreException.class)
                .hasMessage("could not create storage directory - mkdir /proc/nonexistent: no such file or directory");
    }

    @Test
    void refusesToStartWhenAFileStandsWhereTheDirectoryShouldBe() throws IOException {
        var file = Files.writeString(dir.resolve("file"), "x");
        Files.createDirectories(dir.resolve("store"));
        Files.writeString(dir.resolve("store/jetstream"), "x");

        assertThatThrownBy(() -> start(file))
                .isInstanceOf(StoreException.class)
                .hasMessage("storage directory is not a directory");
        assertThatThrownBy(() -> start(dir.resolve("store")))
                .isInstanceOf(StoreException.class)
                .hasMessage("storage directory is not a directory");
    }

    private static JetStream start(Path storeDir) {
        var server = new NatsServer(
                ServerOptions.builder().host("127.0.0.1").port(-1).build());
        var jetStream = new JetStream(server, new JetStreamConfig(storeDir, -1, -1));
        jetStream.start();
        return jetStream;
    }
}
