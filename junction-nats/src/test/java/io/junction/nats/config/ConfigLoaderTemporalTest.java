package io.junction.nats.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.junction.nats.server.ServerOptions.TemporalOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTemporalTest {
    @TempDir
    Path dir;

    @Test
    void readsThePortHostAndDatabaseOfTheTemporalBlock() {
        var options = ConfigFiles.load(
                dir, "temporal {\n  port: 7300\n  host: 127.0.0.1\n  db: \"jdbc:postgresql://db/temporal\"\n}");

        assertThat(options.temporal())
                .isEqualTo(new TemporalOptions("127.0.0.1", 7300, "jdbc:postgresql://db/temporal"));
    }

    @Test
    void leavesTemporalUnsetWithoutABlockAndTurnsItOffWithFalse() {
        assertThat(ConfigFiles.load(dir, "port: 4222").temporal()).isEqualTo(TemporalOptions.UNSET);
        assertThat(ConfigFiles.load(dir, "temporal: false").temporal()).isEqualTo(new TemporalOptions(null, 0, null));
        assertThat(ConfigFiles.load(dir, "temporal { port: 0 }").temporal().port())
                .isZero();
    }

    @Test
    void rejectsAnUnknownFieldAndAPortOutOfRange() {
        assertThatThrownBy(() -> ConfigFiles.load(dir, "temporal { database: x }"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown field \"database\"");
        assertThatThrownBy(() -> ConfigFiles.load(dir, "temporal { port: 70000 }"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("temporal port must be between 0 (off) and 65535, got 70000");
    }
}
