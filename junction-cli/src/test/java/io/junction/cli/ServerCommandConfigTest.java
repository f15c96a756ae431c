package io.junction.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.nats.auth.User;
import io.junction.nats.server.ServerOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerCommandConfigTest {
    @TempDir
    Path dir;

    @Test
    void takesTheSettingsOfTheFileGivenWithDashC() throws IOException {
        var file = write("nats.conf", """
                port: 5222
                server_name: from-file
                debug: true
                ping_interval: "30s"
                authorization { users: [{user: a, password: b}] }
                jetstream { store_dir: /js, max_mem: 1G, sync_interval: "2m" }
                """);

        var options = options("server", "-c", file.toString());

        assertThat(options.configFile()).isEqualTo(file);
        assertThat(options.port()).isEqualTo(5222);
        assertThat(options.serverName()).isEqualTo("from-file");
        assertThat(options.debug()).isTrue();
        assertThat(options.pingInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.auth().users()).containsExactly(new User("a", "b", null));
        assertThat(options.jetStream())
                .isEqualTo(new ServerOptions.JetStreamOptions(
                        true, Path.of("/js"), 1_000_000_000L, -1, false, Duration.ofMinutes(2)));
    }

    @Test
    void keepsTheFilesJetStreamDomainWhenFlagsChangeJetStream() throws IOException {
        var file = write("nats.conf", "jetstream { domain: hub }\n");

        var options = options("server", "-c", file.toString(), "-sd", "/from-flag");

        assertThat(options.jetStream().domain()).isEqualTo("hub");
        assertThat(options.jetStream().storeDir()).isEqualTo(Path.of("/from-flag"));
    }

    @Test
    void keepsJetStreamOffWhenTheFileDisablesItAndOnlyDashSdIsGiven() throws IOException {
        var file = write("nats.conf", "port: 18223\njetstream: disabled\n");

        var withStoreDir = options("server", "-c", file.toString(), "-sd", "/from-flag");
        var withDashJs = options("server", "-c", file.toString(), "-sd", "/from-flag", "-js");
        var withoutFile = options("server", "-sd", "/from-flag");

        assertThat(withStoreDir.jetStream().enabled()).isFalse();
        assertThat(withStoreDir.jetStream().storeDir()).isEqualTo(Path.of("/from-flag"));
        assertThat(withDashJs.jetStream().enabled()).isTrue();
        assertThat(withoutFile.jetStream().enabled()).isTrue();
    }

    @Test
    void letsCommandLineFlagsWinOverTheFileAsInNatsServer() throws IOException {
        var file = write("nats.conf", """
                host: 10.0.0.1
                port: 5222
                server_name: from-file
                http_port: 8222
                authorization { token: from-file }
                jetstream { store_dir: /from-file }
                """);

        var options = options(
                "server",
                "--config",
                file.toString(),
                "-a",
                "127.0.0.1",
                "-p",
                "6222",
                "-n",
                "from-flag",
                "-m",
                "9222",
                "--auth",
                "from-flag",
                "-sd",
                "/from-flag",
                "-V");

        assertThat(options.host()).isEqualTo("127.0.0.1");
        assertThat(options.port()).isEqualTo(6222);
        assertThat(options.serverName()).isEqualTo("from-flag");
        assertThat(options.httpHost()).isEqualTo("127.0.0.1");
        assertThat(options.httpPort()).isEqualTo(9222);
        assertThat(options.auth().token()).isEqualTo("from-flag");
        assertThat(options.jetStream().storeDir()).isEqualTo(Path.of("/from-flag"));
        assertThat(options.trace()).isTrue();
    }

    @Test
    void exitsWithOneWhenTheConfigFileIsInvalid() throws IOException {
        var file = write("bad.conf", "port: 4222\nprot: 4223\n");

        var exitCode = Junction.commandLine().execute("server", "-c", file.toString());

        assertThat(exitCode).isEqualTo(1);
    }

    @Test
    void exitsWithOneWhenTheConfigFileIsMissing() {
        var exitCode = Junction.commandLine()
                .execute("server", "-c", dir.resolve("missing.conf").toString());

        assertThat(exitCode).isEqualTo(1);
    }

    @Test
    void checksTheConfigFileWithDashTAndExits() throws IOException {
        var good = write("good.conf", "port: 4222\n");
        var bad = write("bad.conf", "port: [\n");

        assertThat(Junction.commandLine().execute("server", "-c", good.toString(), "-t"))
                .isZero();
        assertThat(Junction.commandLine().execute("server", "-c", bad.toString(), "-t"))
                .isEqualTo(1);
    }

    @Test
    void servesTemporalOn7233WithASqliteFileInTheStoreDirectoryByDefault() {
        var settings = TemporalSettings.of(options("server", "-a", "127.0.0.1", "-sd", "/srv/junction"));

        assertThat(settings)
                .isEqualTo(new TemporalSettings(
                        "127.0.0.1", 7233, "jdbc:sqlite:/srv/junction/temporal.db", Path.of("/srv/junction")));
        assertThat(TemporalSettings.of(options("server")))
                .isEqualTo(new TemporalSettings("0.0.0.0", 7233, "jdbc:sqlite:data/temporal.db", Path.of("data")));
    }

    @Test
    void takesTemporalFromTheFileAndLetsFlagsWin() throws IOException {
        var file = write("nats.conf", """
                store_dir: /from-file
                temporal { port: 7300, host: 10.0.0.2, db: "jdbc:postgresql://db/from-file" }
                """);

        var fromFile = TemporalSettings.of(options("server", "-c", file.toString()));
        var fromFlags = TemporalSettings.of(options(
                "server",
                "-c",
                file.toString(),
                "--temporal_port",
                "7400",
                "--temporal_host",
                "127.0.0.1",
                "--temporal_db",
                "jdbc:sqlite:/tmp/flag.db"));
        var off = TemporalSettings.of(options("server", "-c", file.toString(), "--temporal_port", "0"));

        assertThat(fromFile).isEqualTo(new TemporalSettings("10.0.0.2", 7300, "jdbc:postgresql://db/from-file", null));
        assertThat(fromFlags).isEqualTo(new TemporalSettings("127.0.0.1", 7400, "jdbc:sqlite:/tmp/flag.db", null));
        assertThat(off.enabled()).isFalse();
    }

    @Test
    void exitsWithOneWhenTheTemporalPortIsOutOfRange() {
        var exitCode = Junction.commandLine().execute("server", "--temporal_port", "-5");

        assertThat(exitCode).isEqualTo(1);
    }

    private static ServerOptions options(String... args) {
        var commandLine = Junction.commandLine();
        var parsed = commandLine.parseArgs(args);
        ServerCommand command = parsed.subcommand().commandSpec().commandLine().getCommand();
        return command.options();
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}
