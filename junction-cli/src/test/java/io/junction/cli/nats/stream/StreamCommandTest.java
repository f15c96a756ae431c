package io.junction.cli.nats.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.junction.cli.nats.LiveServerTest;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** {@code nats stream ...} against a live server: flags into stream configurations, and state back out. */
class StreamCommandTest extends LiveServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void addInfoAndLsShowAStreamAndWhatWasPublishedToIt() throws Exception {
        var add = cli.run("nats", "stream", "add", "ORDERS", "--subjects", "orders.>", "--retention", "limits");
        var pub = cli.run("nats", "pub", "orders.created", "{\"id\": {{Count}}}", "--count", "3", "-J");

        var info = cli.run("nats", "stream", "info", "ORDERS");
        var ls = cli.run("nats", "stream", "ls");
        var json = JSON.readTree(
                cli.run("nats", "stream", "info", "ORDERS", "--json").out());
        var list = JSON.readTree(cli.run("nats", "stream", "ls", "--json").out());

        assertThat(add.exitCode()).isZero();
        assertThat(add.out()).contains("Information for Stream ORDERS", "Subjects: orders.>", "Messages: 0");
        assertThat(pub.err()).contains("stored in ORDERS with sequence 3");
        assertThat(info.exitCode()).isZero();
        assertThat(info.out())
                .containsPattern("\\n +Retention: File - Limits\\n")
                .containsPattern("\\n +Messages: 3\\n")
                .containsPattern("\\n +Last Sequence: 3 @ ");
        assertThat(ls.out()).containsPattern("ORDERS +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d +3 +\\d+ B ");
        assertThat(json.at("/config/name").asText()).isEqualTo("ORDERS");
        assertThat(json.at("/config/retention").asText()).isEqualTo("limits");
        assertThat(json.at("/state/messages").asLong()).isEqualTo(3);
        assertThat(json.has("type")).isFalse();
        // the nats CLI's --json list is the names
        assertThat(list.isArray()).isTrue();
        assertThat(list).allMatch(com.fasterxml.jackson.databind.JsonNode::isTextual);
        assertThat(list.toString()).contains("\"ORDERS\"");
    }

    @Test
    void addTurnsEveryFlagIntoTheStreamConfiguration() throws Exception {
        var result = cli.run(
                "nats",
                "stream",
                "add",
                "LIMITED",
                "--subjects",
                "limited.a,limited.b",
                "--storage",
                "memory",
                "--retention",
                "work",
                "--replicas",
                "1",
                "--max-msgs",
                "10",
                "--max-bytes",
                "1KB",
                "--max-age",
                "1h",
                "--discard",
                "new",
                "--dupe-window",
                "1m",
                "--max-msg-size",
                "512",
                "--max-msgs-per-subject",
                "2",
                "--deny-delete",
                "--deny-purge",
                "--defaults",
                "--json");

        assertThat(result.exitCode()).as(result.err()).isZero();
        var config = JSON.readTree(result.out()).get("config");
        assertThat(config.get("subjects")).containsExactly(text("limited.a"), text("limited.b"));
        assertThat(config.get("storage").asText()).isEqualTo("memory");
        assertThat(config.get("retention").asText()).isEqualTo("workqueue");
        assertThat(config.get("max_msgs").asLong()).isEqualTo(10);
        assertThat(config.get("max_bytes").asLong()).isEqualTo(1024);
        assertThat(config.get("max_age").asLong()).isEqualTo(3_600_000_000_000L);
        assertThat(config.get("discard").asText()).isEqualTo("new");
        assertThat(config.get("duplicate_window").asLong()).isEqualTo(60_000_000_000L);
        assertThat(config.get("max_msg_size").asLong()).isEqualTo(512);
        assertThat(config.get("max_msgs_per_subject").asLong()).isEqualTo(2);
        assertThat(config.get("deny_delete").asBoolean()).isTrue();
        assertThat(config.get("deny_purge").asBoolean()).isTrue();
    }

    @Test
    void addWithoutSubjectsListensOnTheStreamName() throws Exception {
        var result = cli.run("nats", "stream", "add", "BARE", "--allow-rollup", "--json");

        var config = JSON.readTree(result.out()).get("config");
        assertThat(config.at("/subjects/0").asText()).isEqualTo("BARE");
        assertThat(config.get("allow_rollup_hdrs").asBoolean()).isTrue();
    }

    @Test
    void addTakesAConfigurationFileAndEditChangesIt() throws Exception {
        var file = config.resolve("stream.json");
        Files.writeString(file, """
                {"name": "ignored", "subjects": ["filed.>"], "retention": "limits", "storage": "file",
                 "max_msgs": 100, "discard": "old", "num_replicas": 1}
                """);

        var add = cli.run("nats", "stream", "add", "FILED", "--config", file.toString());
        var edit = cli.run("nats", "stream", "edit", "FILED", "--max-msgs", "5", "--description", "Edited", "-f");
        var json =
                JSON.readTree(cli.run("nats", "stream", "info", "FILED", "-j").out());

        assertThat(add.exitCode()).as(add.err()).isZero();
        assertThat(edit.exitCode()).as(edit.err()).isZero();
        assertThat(edit.out()).contains("Maximum Messages: 5", "Description: Edited");
        assertThat(json.at("/config/subjects/0").asText()).isEqualTo("filed.>");
        assertThat(json.at("/config/max_msgs").asLong()).isEqualTo(5);
    }

    @Test
    void addTakesTheStreamNameFromTheConfigurationFileWhenNoneIsGiven() throws Exception {
        var file = config.resolve("named.json");
        Files.writeString(file, """
                {"name": "FROMFILE", "subjects": ["fromfile.>"], "storage": "memory"}
                """);
        var nameless = config.resolve("nameless.json");
        Files.writeString(nameless, "{\"subjects\": [\"nameless\"]}");

        var add = cli.run("nats", "stream", "add", "--config", file.toString());
        var withoutName = cli.run("nats", "stream", "add", "--config", nameless.toString());
        var withNothing = cli.run("nats", "stream", "add");

        assertThat(add.exitCode()).as(add.err()).isZero();
        assertThat(add.out()).contains("Information for Stream FROMFILE", "Subjects: fromfile.>");
        assertThat(withoutName.exitCode()).isEqualTo(1);
        assertThat(withoutName.errLines())
                .singleElement()
                .asString()
                .startsWith("nats: error: invalid stream configuration in " + nameless)
                .endsWith("must have a valid stream name");
        assertThat(withNothing.exitCode()).isEqualTo(1);
        assertThat(withNothing.errLines())
                .singleElement()
                .asString()
                .isEqualTo("nats: error: a stream name is required, as an argument or in the --config file");
    }

    @Test
    void lsHidesTheStreamsOfBucketsUnlessAllIsAsked() throws Exception {
        cli.run("nats", "kv", "add", "HIDDEN");
        cli.run("nats", "stream", "add", "VISIBLE");

        var ls = cli.run("nats", "stream", "ls");
        var all = cli.run("nats", "stream", "ls", "-a");
        var allLong = cli.run("nats", "stream", "ls", "--all");
        var names = cli.run("nats", "stream", "ls", "--names");

        assertThat(ls.out()).contains("VISIBLE").doesNotContain("KV_HIDDEN");
        assertThat(all.out()).contains("VISIBLE", "KV_HIDDEN");
        assertThat(allLong.out()).contains("VISIBLE", "KV_HIDDEN");
        assertThat(names.out()).contains("VISIBLE", "KV_HIDDEN");
        assertThat(cli.run("nats", "stream", "ls", "--json").out())
                .contains("VISIBLE")
                .doesNotContain("KV_HIDDEN");
        assertThat(cli.run("nats", "stream", "ls", "--json", "-a").out()).contains("VISIBLE", "KV_HIDDEN");
    }

    @Test
    void aConfigurationFileThatIsNotJsonFailsWithOneLine() throws Exception {
        var file = config.resolve("broken.json");
        Files.writeString(file, "{\"subjects\": [\"x\"\n");

        var result = cli.run("nats", "stream", "add", "BROKEN", "--config", file.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLines()).singleElement().asString().startsWith("nats: error: invalid JSON in " + file);
        assertThat(cli.run("nats", "stream", "info", "BROKEN").exitCode()).isEqualTo(1);
    }

    @Test
    void anUnknownStreamFailsWithOneLine() {
        for (var command : new String[][] {
            {"nats", "stream", "info", "NOPE"},
            {"nats", "stream", "rm", "NOPE", "-f"},
            {"nats", "stream", "purge", "NOPE", "-f"},
            {"nats", "stream", "view", "NOPE"},
            {"nats", "stream", "get", "NOPE", "1"}
        }) {
            var result = cli.run(command);

            assertThat(result.exitCode()).as(String.join(" ", command)).isEqualTo(1);
            assertThat(result.err()).as(String.join(" ", command)).isEqualTo("nats: error: stream not found\n");
        }
    }

    @Test
    void removingWithoutForceAwayFromATerminalNamesTheStreamAsItIsSpelled() {
        cli.run("nats", "stream", "add", "KeepMe", "--subjects", "keep.me");

        var rm = cli.run("nats", "stream", "rm", "KeepMe");

        assertThat(rm.exitCode()).isEqualTo(1);
        assertThat(rm.err())
                .isEqualTo(
                        "nats: error: not at a terminal to confirm, use --force (-f) to really delete Stream KeepMe\n");
    }

    @Test
    void anInvalidPolicyFailsWithOneLineNamingTheChoices() {
        var result = cli.run("nats", "stream", "add", "BAD", "--retention", "forever");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err())
                .isEqualTo("nats: error: invalid --retention \"forever\", use one of limits, interest, work\n");
    }

    @Test
    void getViewPurgeAndRmWorkOnTheStoredMessages() throws Exception {
        cli.run("nats", "stream", "add", "EVENTS", "--subjects", "events.*");
        cli.run("nats", "pub", "events.a", "a{{Count}}", "--count", "3", "-J");
        cli.run("nats", "pub", "events.b", "b{{Count}}", "--count", "2", "-J", "-H", "k:v");

        var get = cli.run("nats", "stream", "get", "EVENTS", "2");
        var last = cli.run("nats", "stream", "get", "EVENTS", "--last-for", "events.b");
        var view = cli.run("nats", "stream", "view", "EVENTS", "--subject", "events.a", "--raw");
        var refused = cli.run("nats", "stream", "purge", "EVENTS");
        var purgeSubject = cli.run("nats", "stream", "purge", "EVENTS", "-f", "--subject", "events.a", "--keep", "1");
        var afterPurge = cli.run("nats", "stream", "view", "EVENTS", "--raw");
        var purgeAll = cli.run("nats", "stream", "purge", "EVENTS", "-f");
        var rm = cli.run("nats", "stream", "rm", "EVENTS", "-f");

        assertThat(get.out()).startsWith("Item: EVENTS#2 received ").contains(" on Subject events.a\n\na2\n");
        assertThat(last.out()).contains("EVENTS#5", "Headers:", "k: v", "b2");
        assertThat(view.out()).isEqualTo("a1\na2\na3\n");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("--force");
        assertThat(purgeSubject.out()).isEqualTo("Purged 2 messages from EVENTS\n");
        assertThat(afterPurge.out()).isEqualTo("a3\nb1\nb2\n");
        assertThat(purgeAll.out()).isEqualTo("Purged 3 messages from EVENTS\n");
        assertThat(rm.exitCode()).isZero();
        assertThat(cli.run("nats", "stream", "info", "EVENTS").err()).isEqualTo("nats: error: stream not found\n");
    }

    private static JsonNode text(String value) {
        return JSON.getNodeFactory().textNode(value);
    }
}
