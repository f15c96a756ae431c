package io.junction.cli.nats.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.junction.cli.nats.CliRunner;
import io.junction.cli.nats.TestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nats consumer ...} against a live server: creating consumers and reading through them. */
class ConsumerCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path store;

    @TempDir
    Path config;

    private static TestServer server;
    private CliRunner cli;

    @BeforeAll
    static void startServer() {
        server = TestServer.start(store);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void createStream() {
        cli = new CliRunner(config);
        cli.run("nats", "context", "add", "local", "--server", server.url(), "--select");
        cli.run("nats", "stream", "rm", "ORDERS", "-f");
        cli.run("nats", "stream", "add", "ORDERS", "--subjects", "orders.>", "--retention", "limits");
    }

    @Test
    void aPullConsumerHandsOutTheMessagesAndNextAcknowledgesThem() throws Exception {
        var add = cli.run("nats", "consumer", "add", "ORDERS", "processor", "--pull", "--ack", "explicit");
        cli.run("nats", "pub", "orders.created", "order {{Count}}", "--count", "2", "-J");

        var next = cli.run("nats", "consumer", "next", "ORDERS", "processor", "--count", "2");
        var info = cli.run("nats", "consumer", "info", "ORDERS", "processor");
        var json = JSON.readTree(cli.run("nats", "consumer", "info", "ORDERS", "processor", "--json")
                .out());

        assertThat(add.exitCode()).as(add.err()).isZero();
        assertThat(add.out()).contains("Information for Consumer ORDERS > processor", "Pull Mode: true");
        assertThat(next.exitCode()).as(next.err()).isZero();
        assertThat(next.out())
                .contains("subj: orders.created / tries: 1 / cons seq: 1 / str seq: 1 / pending: 1\n\norder 1\n")
                .contains("subj: orders.created / tries: 1 / cons seq: 2 / str seq: 2 / pending: 0\n\norder 2\n")
                .contains("Acknowledged message");
        assertThat(info.out())
                .containsPattern("Acknowledgment Floor: Consumer sequence: 2 Stream sequence: 2")
                .containsPattern("Outstanding Acks: 0\\n")
                .containsPattern("Unprocessed Messages: 0\\n");
        assertThat(json.at("/config/durable_name").asText()).isEqualTo("processor");
        assertThat(json.at("/config/ack_policy").asText()).isEqualTo("explicit");
        assertThat(json.at("/ack_floor/stream_seq").asLong()).isEqualTo(2);
        assertThat(json.has("type")).isFalse();
    }

    @Test
    void addTurnsTheFlagsIntoTheConsumerConfiguration() throws Exception {
        var result = cli.run(
                "nats",
                "consumer",
                "add",
                "ORDERS",
                "pusher",
                "--target",
                "deliver.here",
                "--ack",
                "all",
                "--deliver",
                "new",
                "--filter",
                "orders.paid",
                "--max-deliver",
                "5",
                "--wait",
                "10s",
                "--max-pending",
                "50",
                "--replay",
                "original",
                "--defaults",
                "--json");

        assertThat(result.exitCode()).as(result.err()).isZero();
        var config = JSON.readTree(result.out()).get("config");
        assertThat(config.get("deliver_subject").asText()).isEqualTo("deliver.here");
        assertThat(config.get("ack_policy").asText()).isEqualTo("all");
        assertThat(config.get("deliver_policy").asText()).isEqualTo("new");
        assertThat(config.get("filter_subject").asText()).isEqualTo("orders.paid");
        assertThat(config.get("max_deliver").asLong()).isEqualTo(5);
        assertThat(config.get("ack_wait").asLong()).isEqualTo(10_000_000_000L);
        assertThat(config.get("max_ack_pending").asLong()).isEqualTo(50);
        assertThat(config.get("replay_policy").asText()).isEqualTo("original");
    }

    @Test
    void lsAndRmListAndDeleteConsumers() throws Exception {
        cli.run("nats", "consumer", "add", "ORDERS", "one", "--pull");
        cli.run("nats", "consumer", "add", "ORDERS", "two", "--pull", "--deliver", "last");

        var ls = cli.run("nats", "consumer", "ls", "ORDERS");
        var json = JSON.readTree(
                cli.run("nats", "consumer", "ls", "ORDERS", "--json").out());
        var rm = cli.run("nats", "consumer", "rm", "ORDERS", "one", "-f");
        var names = cli.run("nats", "consumer", "ls", "ORDERS", "--names");

        assertThat(ls.out())
                .contains("Consumers for Stream ORDERS")
                .containsPattern("one +Pull")
                .containsPattern("two +Pull");
        assertThat(json.toString()).isEqualTo("[\"one\",\"two\"]");
        assertThat(rm.exitCode()).isZero();
        assertThat(names.out()).isEqualTo("two\n");
    }

    @Test
    void nextOnAnEmptyStreamAndUnknownConsumersFailWithOneLine() {
        cli.run("nats", "consumer", "add", "ORDERS", "idle", "--pull");

        var empty = cli.run("nats", "consumer", "next", "ORDERS", "idle", "--timeout", "1s");
        var unknown = cli.run("nats", "consumer", "info", "ORDERS", "nobody");
        var unknownStream = cli.run("nats", "consumer", "add", "NOPE", "c", "--pull");

        assertThat(empty.exitCode()).isEqualTo(1);
        assertThat(empty.err()).isEqualTo("nats: error: no message received within 1s\n");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).isEqualTo("nats: error: consumer not found\n");
        assertThat(unknownStream.err()).isEqualTo("nats: error: stream not found\n");
    }
}
