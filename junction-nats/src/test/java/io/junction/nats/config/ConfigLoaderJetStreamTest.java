package io.junction.nats.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.junction.nats.server.ServerOptions.JetStreamOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderJetStreamTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"enabled, true", "enable, true", "Disabled, false", "true, true", "false, false", "on, true"})
    void readsJetStreamAsAWordOrABoolean(String value, boolean enabled) {
        var options = ConfigFiles.load(dir, "jetstream: " + value);

        assertThat(options.jetStream()).isEqualTo(new JetStreamOptions(enabled, null, -1, -1, !enabled));
    }

    @Test
    void readsBareSizesInPowersOf1000OrOf1024AndQuotedSizesInPowersOf1024() {
        assertThat(ConfigFiles.load(dir, "jetstream { max_mem: 1G, max_file: 1GB }")
                        .jetStream())
                .extracting(JetStreamOptions::maxMemory, JetStreamOptions::maxStore)
                .containsExactly(1_000_000_000L, 1L << 30);
        assertThat(ConfigFiles.load(dir, "jetstream { max_memory_store: \"1G\", max_file_store: \"2T\" }")
                        .jetStream())
                .extracting(JetStreamOptions::maxMemory, JetStreamOptions::maxStore)
                .containsExactly(1L << 30, 2L << 40);
        assertThat(ConfigFiles.load(dir, "jetstream { max_mem_store: 1024, max_file: \"\" }")
                        .jetStream())
                .extracting(JetStreamOptions::maxMemory, JetStreamOptions::maxStore)
                .containsExactly(1024L, 0L);
    }

    @Test
    void readsABlockThatTurnsJetStreamOff() {
        var options = ConfigFiles.load(dir, "jetstream {\n  enabled: false\n  store_dir: /js\n}");

        assertThat(options.jetStream()).isEqualTo(new JetStreamOptions(false, Path.of("/js"), -1, -1, true));
    }

    @Test
    void readsTheStoreDirectoryAtTopLevelWithoutEnablingJetStream() {
        var options = ConfigFiles.load(dir, "store_dir: /data");

        assertThat(options.jetStream()).isEqualTo(new JetStreamOptions(false, Path.of("/data"), -1, -1, false));
    }

    @Test
    void acceptsTheJetStreamSettingsItDoesNotServe() {
        var options = ConfigFiles.load(
                dir,
                "jetstream {\n  domain: hub\n  cipher: chacha\n  key: k\n  unique_tag: az\n  limits: {}\n"
                        + "  max_outstanding_catchup: 64MB\n}");

        assertThat(options.jetStream().enabled()).isTrue();
    }

    @Test
    void rejectsAStoreDirectoryGivenTwice() {
        assertThatThrownBy(() -> ConfigFiles.load(dir, "store_dir: /a\njetstream { store_dir: /b }"))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith("nats.conf:2:13: duplicate 'store_dir' configuration");
    }

    @Test
    void rejectsBadJetStreamValues() {
        assertThatThrownBy(() -> ConfigFiles.load(dir, "jetstream: maybe"))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith("nats.conf:1:1: expected 'enabled' or 'disabled' for string value, got 'maybe'");
        assertThatThrownBy(() -> ConfigFiles.load(dir, "jetstream {\n  max_mem: \"1GB\"\n}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith("nats.conf:2:3: max_mem_store '1G' is not an integer");
        assertThatThrownBy(() -> ConfigFiles.load(dir, "jetstream {\n  max_file: \"10g\"\n}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith("nats.conf:2:3: max_file_store sizes defined as strings must end in K, M, G, T");
        assertThatThrownBy(() -> ConfigFiles.load(dir, "jetstream {\n  max_store: 1G\n}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith("nats.conf:2:3: unknown field \"max_store\"");
        assertThatThrownBy(() -> ConfigFiles.load(dir, "jetstream [1]"))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith("nats.conf:1:1: expected map, bool or string to define JetStream, got array");
    }

    @Test
    void readsTheDomain() {
        assertThat(ConfigFiles.load(dir, "jetstream { domain: hub }")
                        .jetStream()
                        .domain())
                .isEqualTo("hub");
        assertThat(ConfigFiles.load(dir, "jetstream { domain: \"\" }")
                        .jetStream()
                        .domain())
                .isNull();
        assertThat(ConfigFiles.load(dir, "jetstream { store_dir: /js }")
                        .jetStream()
                        .domain())
                .isNull();
    }

    @Test
    void rejectsADomainWhoseApiSubjectIsInvalidBeforeOneWithWildcardsOrDots() {
        assertThatThrownBy(() -> ConfigFiles.load(dir, "jetstream {\n  domain: \"a b\"\n}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith(
                        "nats.conf:2:3: invalid domain name: derived \"$JS.a b.API.>\" is not a valid subject");
        assertThatThrownBy(() -> ConfigFiles.load(dir, "jetstream {\n  domain: \">\"\n}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith(
                        "nats.conf:2:3: invalid domain name: derived \"$JS.>.API.>\" is not a valid subject");
        for (var domain : new String[] {"a.b", "*", "hub>"}) {
            assertThatThrownBy(() -> ConfigFiles.load(dir, "jetstream {\n  domain: \"" + domain + "\"\n}"))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageEndingWith("nats.conf:2:3: invalid domain name: may not contain ., * or >");
        }
    }

    @Test
    void readsTheSyncIntervalAsADurationOrAlways() {
        assertThat(ConfigFiles.load(dir, "jetstream { sync_interval: \"2m\" }")
                        .jetStream()
                        .syncInterval())
                .isEqualTo(java.time.Duration.ofMinutes(2));
        assertThat(ConfigFiles.load(dir, "jetstream { sync: always }")
                        .jetStream()
                        .syncInterval())
                .isNull();
        assertThat(ConfigFiles.load(dir, "jetstream { store_dir: /js }")
                        .jetStream()
                        .syncInterval())
                .isNull();
    }
}
