package io.junction.cli.nats.context;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.junction.cli.nats.CliRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nats context}: the nats CLI's context files, written and read where and as the nats CLI does. */
class ContextCommandTest {
    @TempDir
    Path config;

    @Test
    void addWritesTheNatsCliContextFileWithAllItsKeys() throws Exception {
        var cli = new CliRunner(config);

        var result = cli.run("nats", "context", "add", "local", "--server", "nats://localhost:4222");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("NATS Configuration Context \"local\"", "Server URLs: nats://localhost:4222");
        var json = new ObjectMapper()
                .readTree(config.resolve("nats/context/local.json").toFile());
        assertThat(json.get("url").asText()).isEqualTo("nats://localhost:4222");
        assertThat(json.fieldNames())
                .toIterable()
                .contains("description", "url", "token", "user", "password", "creds", "nkey", "tls_first");
        assertThat(config.resolve("nats/context.txt")).doesNotExist();
    }

    @Test
    void selectWritesContextTxtAndLsMarksTheSelectedContext() throws Exception {
        var cli = new CliRunner(config);
        cli.run("nats", "context", "add", "local", "--server", "nats://localhost:4222");
        cli.run("nats", "context", "add", "other", "--server", "nats://other:4222", "--description", "The other");

        var select = cli.run("nats", "context", "select", "local");
        var ls = cli.run("nats", "context", "ls");

        assertThat(select.exitCode()).isZero();
        assertThat(Files.readString(config.resolve("nats/context.txt")).strip()).isEqualTo("local");
        assertThat(ls.out()).containsPattern("local\\*\\s*\\n").containsPattern("other\\s+The other");
    }

    @Test
    void readsAContextWrittenByTheNatsCliKeepingFieldsItDoesNotUse() throws Exception {
        var file = config.resolve("nats/context/prod.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                {"description": "Production", "url": "nats://prod:4222", "user": "app", "password": "s3cret",
                 "jetstream_domain": "hub", "some_future_key": 7}
                """);
        var cli = new CliRunner(config);

        var info = cli.run("nats", "context", "info", "prod");
        cli.run("nats", "context", "add", "prod", "--description", "Production, edited");

        assertThat(info.out()).contains("Description: Production", "Username: app", "Password: ******");
        assertThat(info.out()).doesNotContain("s3cret");
        var json = new ObjectMapper().readTree(file.toFile());
        assertThat(json.get("description").asText()).isEqualTo("Production, edited");
        assertThat(json.get("url").asText()).isEqualTo("nats://prod:4222");
        assertThat(json.get("jetstream_domain").asText()).isEqualTo("hub");
        assertThat(json.get("some_future_key").asInt()).isEqualTo(7);
    }

    @Test
    void rmAsksForForceWhenNotAtATerminalAndRemovesTheSelection() {
        var cli = new CliRunner(config);
        cli.run("nats", "context", "add", "local", "--select");

        var refused = cli.run("nats", "context", "rm", "local");
        var removed = cli.run("nats", "context", "rm", "local", "-f");

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).startsWith("nats: error: ").contains("--force");
        assertThat(removed.exitCode()).isZero();
        assertThat(config.resolve("nats/context/local.json")).doesNotExist();
        assertThat(config.resolve("nats/context.txt")).doesNotExist();
    }

    @Test
    void unknownContextsFailWithOneLine() {
        var cli = new CliRunner(config);

        var select = cli.run("nats", "context", "select", "nope");
        var pub = cli.run("nats", "pub", "x", "y", "--context", "nope");

        assertThat(select.exitCode()).isEqualTo(1);
        assertThat(select.err()).isEqualTo("nats: error: unknown context \"nope\"\n");
        assertThat(pub.exitCode()).isEqualTo(1);
        assertThat(pub.err()).isEqualTo("nats: error: unknown context \"nope\"\n");
    }

    @Test
    void aContextFileThatIsNotJsonFailsWithOneLine() throws Exception {
        var file = config.resolve("nats/context/broken.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"url\": ");
        var cli = new CliRunner(config);

        var result = cli.run("nats", "context", "info", "broken");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLines())
                .singleElement()
                .asString()
                .startsWith("nats: error: context broken in ")
                .contains("is not valid JSON");
    }

    @Test
    void selectingABrokenContextFailsAndKeepsTheSelectionItHad() throws Exception {
        var cli = new CliRunner(config);
        cli.run("nats", "context", "add", "local", "--server", "nats://127.0.0.1:4222", "--select");
        var file = config.resolve("nats/context/junk.json");
        Files.writeString(file, "garbage");

        var result = cli.run("nats", "context", "select", "junk");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLines()).singleElement().asString().contains("is not valid JSON");
        assertThat(Files.readString(config.resolve("nats/context.txt")).strip()).isEqualTo("local");
    }
}
