package io.junction.nats.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.junction.nats.server.ServerOptions.ClusterOptions;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderClusterTest {
    @TempDir
    Path dir;

    @Test
    void readsListenAndSkipsRepeatedRoutes() {
        var options = ConfigFiles.load(dir, """
                cluster {
                  name: c1
                  listen: 10.0.0.1:6222
                  routes = [nats://a:6222, nats://b:6222, nats://a:6222]
                  no_advertise: true
                  connect_retries: 3
                  authorization { user: route, password: pw, timeout: 2 }
                  permissions { import: ">", export: ">" }
                  tls { cert_file: c.pem }
                }
                """);

        assertThat(options.cluster())
                .isEqualTo(new ClusterOptions("c1", "10.0.0.1", 6222, List.of("nats://a:6222", "nats://b:6222")));
    }

    @Test
    void readsHostAndPortSeparately() {
        var options = ConfigFiles.load(dir, "cluster { host: 127.0.0.1, port: 7222 }");

        assertThat(options.cluster()).isEqualTo(new ClusterOptions(null, "127.0.0.1", 7222, List.of()));
    }

    @Test
    void rejectsWhatNatsServerRejectsInAClusterBlock() {
        assertThatThrownBy(() -> ConfigFiles.load(dir, "cluster {\n  port: 6222\n  nmae: typo\n}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith("nats.conf:3:3: unknown field \"nmae\"");
        assertThatThrownBy(() -> ConfigFiles.load(dir, "cluster {\n  routes: nats://a:6222\n}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith("nats.conf:2:3: expected an array for 'routes', got string \"nats://a:6222\"");
        assertThatThrownBy(() -> ConfigFiles.load(dir, "cluster {\n  routes: [\"nats://a b\"]\n}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith("nats.conf:2:13: error parsing route url [\"nats://a b\"]");
        assertThatThrownBy(() -> ConfigFiles.load(dir, "cluster {\n  authorization { token: t }\n}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith("nats.conf:2:3: cluster authorization does not support tokens");
    }
}
