package io.junction.nats.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderErrorsTest {
    @TempDir
    Path dir;

    @Test
    void namesTheFileLineAndColumnOfAValueOfTheWrongType() {
        assertThatThrownBy(() -> ConfigFiles.load(dir, "# ports\n\n  port: \"4222\""))
                .isInstanceOf(ConfigException.class)
                .hasMessage(dir.resolve("nats.conf") + ":3:3: expected an integer for 'port', got string \"4222\"");
    }

    @Test
    void reportsEveryBadSettingOnALineOfItsOwn() {
        assertThatThrownBy(() -> ConfigFiles.load(dir, "port: x\ndebug: 1\nmax_payload: 3000000000\nfoo: bar\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage(String.join(
                        "\n",
                        dir.resolve("nats.conf") + ":1:1: expected an integer for 'port', got string \"x\"",
                        dir.resolve("nats.conf") + ":2:1: expected a boolean (true, false, yes, no, on or off) for "
                                + "'debug', got integer 1",
                        dir.resolve("nats.conf") + ":3:1: max_payload value is too big",
                        dir.resolve("nats.conf") + ":4:1: unknown field \"foo\""));
    }

    @Test
    void rejectsAnUnknownTopLevelKeyAsNatsServerDoes() {
        assertThatThrownBy(() -> ConfigFiles.load(dir, "port: 4222\nprot: 4223"))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith("nats.conf:2:1: unknown field \"prot\"");
    }

    @Test
    void placesQuotedKeysAndStringsAtTheirFirstCharacterAsNatsServerDoes() {
        assertThatThrownBy(() -> ConfigFiles.load(dir, "  \"bogus\" = 1"))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith("nats.conf:1:4: unknown field \"bogus\"");
        assertThatThrownBy(() -> ConfigFiles.load(dir, "accounts [ A, \"$G\" ]"))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith("nats.conf:1:16: \"$G\" is a reserved account");
    }

    @Test
    void acceptsAnUnknownKeyThatOnlyServesAsAVariable() {
        var options = ConfigFiles.load(dir, "SECRET: pw\nauthorization { user: a, password: $SECRET }");

        assertThat(options.auth().users().getFirst().password()).isEqualTo("pw");
    }

    @Test
    void rejectsAnUnusedVariableAsAnUnknownField() {
        assertThatThrownBy(() -> ConfigFiles.load(dir, "UNUSED: 1\nport: 4222"))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith("nats.conf:1:1: unknown field \"UNUSED\"");
    }

    @Test
    void rejectsAMaxPayloadAboveMaxPending() {
        assertThatThrownBy(() -> ConfigFiles.load(dir, "max_payload: 2MB\nmax_pending: 1MB"))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith(
                        "nats.conf:1:1: max_payload (2097152) cannot be higher than max_pending (1048576)");
    }

    @Test
    void rejectsBadAddressesAndDurations() {
        assertThatThrownBy(() -> ConfigFiles.load(dir, "listen: \"a:b:c\""))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith("nats.conf:1:1: could not parse address string \"a:b:c\"");
        assertThatThrownBy(() -> ConfigFiles.load(dir, "http: localhost:http"))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith("nats.conf:1:1: could not parse port \"http\"");
        assertThatThrownBy(() -> ConfigFiles.load(dir, "ping_interval: \"2 minutes\""))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith("nats.conf:1:1: error parsing ping_interval: time: unknown unit \" minutes\" in "
                        + "duration \"2 minutes\"");
        assertThatThrownBy(() -> ConfigFiles.load(dir, "write_deadline: 1.5"))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith("nats.conf:1:1: expected a duration string such as \"2m\" for 'write_deadline', "
                        + "got float 1.5");
    }

    @Test
    void namesTheFileThatCannotBeRead() {
        var missing = dir.resolve("missing.conf");

        assertThatThrownBy(() -> ConfigLoader.load(missing))
                .isInstanceOf(ConfigException.class)
                .hasMessage(missing + ": cannot read the configuration file: no such file");
    }

    @Test
    void acceptsTheSettingsTestHarnessesWriteThatJunctionDoesNotServe() {
        try (var logs = new LogCapture()) {
            var options = ConfigFiles.load(dir, """
                    port: -1
                    server_tags: ["region:eu", "az:1"]
                    leafnodes { listen: "127.0.0.1:-1" }
                    websocket { port: -1, no_tls: true }
                    mqtt { port: 1883 }
                    system_account: SYS
                    tls { cert_file: server.pem, key_file: key.pem, timeout: 2 }
                    """);

            assertThat(options.port()).isEqualTo(-1);
            assertThat(logs.messages(Level.WARN)).singleElement().satisfies(message -> assertThat(message)
                    .contains("nats.conf:7:1: tls is not supported yet"));
            assertThat(logs.messages(Level.DEBUG))
                    .anySatisfy(message -> assertThat(message).contains("leafnodes is not supported yet"))
                    .anySatisfy(message -> assertThat(message).contains("websocket is not supported yet"));
        }
    }
}
