package io.junction.cli.nats.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.junction.cli.nats.LiveServerTest;
import org.junit.jupiter.api.Test;

/** {@code nats server info} and {@code nats server check} against a live server and a dead port. */
class ServerCommandTest extends LiveServerTest {
    @Test
    void infoReadsVarzFromTheMonitoringPort() throws Exception {
        var info = cli.run("nats", "server", "info", "--monitor", server.monitorUrl());
        var json = new ObjectMapper()
                .readTree(cli.run("nats", "server", "info", "-m", server.monitorUrl(), "-j")
                        .out());

        assertThat(info.exitCode()).as(info.err()).isZero();
        assertThat(info.out()).contains("Server information for ", "Server ID: ", "Connections: ", "Enabled: true");
        assertThat(json.get("server_id").asText()).isNotEmpty();
        assertThat(json.get("port").asInt())
                .isEqualTo(Integer.parseInt(server.url().replaceAll(".*:", "")));
    }

    @Test
    void infoWithoutAMonitoringPortFailsWithOneLine() {
        var result = cli.run("nats", "server", "info", "--monitor", "http://127.0.0.1:1");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLines())
                .singleElement()
                .asString()
                .startsWith("nats: error: could not read http://127.0.0.1:1/varz");
    }

    @Test
    void checkConnectionIsOkForALiveServerAndCriticalForADeadOne() {
        var live = cli.run("nats", "server", "check", "connection");
        var dead = cli.run("nats", "server", "check", "connection", "--server", "nats://127.0.0.1:1");

        assertThat(live.exitCode()).isZero();
        assertThat(live.out())
                .startsWith("OK Connection OK:connected to " + server.url())
                .contains("OK:rtt in ", "OK:round trip request in ", " | connect_time=");
        assertThat(dead.exitCode()).isEqualTo(2);
        assertThat(dead.out()).startsWith("CRITICAL Connection Crit:could not connect to nats://127.0.0.1:1");
    }

    @Test
    void checkJetStreamAndStreamReportUsageAndMessageCounts() {
        cli.run("nats", "stream", "add", "CHECKED", "--subjects", "checked");

        var jetStream = cli.run("nats", "server", "check", "jetstream");
        var empty = cli.run("nats", "server", "check", "stream", "--stream", "CHECKED", "--msgs-critical", "1");
        cli.run("nats", "pub", "checked", "x", "-J");
        var filled = cli.run("nats", "server", "check", "stream", "--stream", "CHECKED", "--msgs-critical", "1");
        var missing = cli.run("nats", "server", "check", "stream", "--stream", "MISSING");

        assertThat(jetStream.exitCode()).isZero();
        assertThat(jetStream.out()).startsWith("OK JetStream ").contains("streams=", "consumers=");
        assertThat(empty.exitCode()).isEqualTo(2);
        assertThat(empty.out()).startsWith("CRITICAL Stream CHECKED Crit:0 messages");
        assertThat(filled.exitCode()).isZero();
        assertThat(filled.out()).startsWith("OK Stream CHECKED OK:1 messages | messages=1 ");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.out()).startsWith("CRITICAL Stream MISSING Crit:stream not found");
    }
}
