package io.junction.nats.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.nats.auth.User;
import io.junction.nats.server.ServerOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    @Test
    void loadsTheFileFromTheIssue() {
        var options = ConfigFiles.load(dir, """
                port: 4222
                jetstream {
                  store_dir: /data/jetstream
                  max_mem: 1G
                  max_file: 10G
                }
                cluster {
                  name: my-cluster
                  port: 6222
                  routes: [
                    nats-route://nats-1:6222
                    nats-route://nats-2:6222
                  ]
                }
                """);

        assertThat(options.port()).isEqualTo(4222);
        assertThat(options.jetStream())
                .isEqualTo(new ServerOptions.JetStreamOptions(
                        true, Path.of("/data/jetstream"), 1_000_000_000L, 10_000_000_000L, false));
        assertThat(options.cluster())
                .isEqualTo(new ServerOptions.ClusterOptions(
                        "my-cluster",
                        "0.0.0.0",
                        6222,
                        List.of("nats-route://nats-1:6222", "nats-route://nats-2:6222")));
    }

    @Test
    void readsLimitsSetToZeroAsTheirDefaults() {
        var options = ConfigFiles.load(dir, """
                max_payload: 2MB
                max_pending: 0
                max_control_line: 0
                max_connections: 0
                ping_interval: "0s"
                ping_max: 0
                write_deadline: "0s"
                """);

        assertThat(options.maxPayload()).isEqualTo(2 * 1024 * 1024);
        assertThat(options.maxPending()).isEqualTo(ServerOptions.DEFAULT_MAX_PENDING);
        assertThat(options.maxControlLine()).isEqualTo(ServerOptions.DEFAULT_MAX_CONTROL_LINE);
        assertThat(options.maxConnections()).isEqualTo(ServerOptions.DEFAULT_MAX_CONNECTIONS);
        assertThat(options.pingInterval()).isEqualTo(ServerOptions.DEFAULT_PING_INTERVAL);
        assertThat(options.maxPingsOut()).isEqualTo(ServerOptions.DEFAULT_MAX_PINGS_OUT);
        assertThat(options.writeDeadline()).isEqualTo(ServerOptions.DEFAULT_WRITE_DEADLINE);
    }

    @Test
    void loadsAFileInTheShapeTheNatsJsTestHarnessWrites() {
        var options = ConfigFiles.load(dir, """
                host: "127.0.0.1"
                port: -1
                http: "127.0.0.1:-1"
                leafnodes {
                  listen: "127.0.0.1:-1"
                 }
                websocket {
                  port: -1
                  no_tls: true
                 }
                jetstream {
                  max_file_store: 1048576
                  store_dir: /tmp/js
                 }
                no_auth_user: a
                accounts {
                  JS {
                    jetstream: enabled
                    users [
                      {
                        user: js
                        pass: js
                       }
                     ]
                    exports [
                      {
                        service: "$JS.API.>"
                        response_type: stream
                       }
                     ]
                   }
                  A {
                    users [
                      {
                        user: a
                        pass: s3cret
                       }
                     ]
                    imports [
                      {
                        service {
                          subject: "$JS.API.>"
                          account: JS
                         }
                       }
                     ]
                   }
                 }
                """);

        assertThat(options.host()).isEqualTo("127.0.0.1");
        assertThat(options.port()).isEqualTo(-1);
        assertThat(options.httpPort()).isEqualTo(-1);
        assertThat(options.jetStream())
                .isEqualTo(new ServerOptions.JetStreamOptions(true, Path.of("/tmp/js"), -1, 1_048_576, false));
        assertThat(options.auth().users()).extracting(User::username).containsExactly("js", "a");
        assertThat(options.auth().noAuthUser()).isEqualTo("a");
    }

    @Test
    void keepsNatsServerDefaultsForAnEmptyFile() {
        var options = ConfigFiles.load(dir, "# nothing here\n");

        assertThat(options)
                .usingRecursiveComparison()
                .ignoringFields("configFile")
                .isEqualTo(ServerOptions.defaults());
        assertThat(options.configFile()).isEqualTo(dir.resolve("nats.conf"));
    }

    @Test
    void readsListenAsHostAndPortOrAsAPortAlone() {
        assertThat(ConfigFiles.load(dir, "listen: 127.0.0.1:4333"))
                .extracting(ServerOptions::host, ServerOptions::port)
                .containsExactly("127.0.0.1", 4333);
        assertThat(ConfigFiles.load(dir, "listen: \"[::1]:4333\""))
                .extracting(ServerOptions::host, ServerOptions::port)
                .containsExactly("::1", 4333);
        assertThat(ConfigFiles.load(dir, "listen: 4333"))
                .extracting(ServerOptions::host, ServerOptions::port)
                .containsExactly("0.0.0.0", 4333);
        assertThat(ConfigFiles.load(dir, "listen: localhost:-1"))
                .extracting(ServerOptions::host, ServerOptions::port)
                .containsExactly("localhost", -1);
    }

    @Test
    void readsHostUnderEachOfItsNames() {
        assertThat(ConfigFiles.load(dir, "host: 10.0.0.1").host()).isEqualTo("10.0.0.1");
        assertThat(ConfigFiles.load(dir, "net: 10.0.0.2").host()).isEqualTo("10.0.0.2");
    }

    @Test
    void readsTheMonitoringAddressWhoseHostFollowsTheClientHostUnlessGiven() {
        assertThat(ConfigFiles.load(dir, "http: 127.0.0.1:8222"))
                .extracting(ServerOptions::httpHost, ServerOptions::httpPort)
                .containsExactly("127.0.0.1", 8222);
        assertThat(ConfigFiles.load(dir, "host: 10.0.0.1\nhttp_port: 8222"))
                .extracting(ServerOptions::httpHost, ServerOptions::httpPort)
                .containsExactly("10.0.0.1", 8222);
        assertThat(ConfigFiles.load(dir, "monitor_port: 8223").httpPort()).isEqualTo(8223);
        assertThat(ConfigFiles.load(dir, "http: 8224").httpPort()).isEqualTo(8224);
    }

    @Test
    void readsLimitsWithSizeSuffixesAndAliases() {
        var options = ConfigFiles.load(dir, """
                server_name: edge-1
                max_payload: 2MB
                max_control_line: 8KB
                max_pending: 128MB
                max_conn: 100
                max_subs: 1k
                ping_max: 5
                """);

        assertThat(options.serverName()).isEqualTo("edge-1");
        assertThat(options.maxPayload()).isEqualTo(2 * 1024 * 1024);
        assertThat(options.maxControlLine()).isEqualTo(8 * 1024);
        assertThat(options.maxPending()).isEqualTo(128L * 1024 * 1024);
        assertThat(options.maxConnections()).isEqualTo(100);
        assertThat(options.maxSubscriptions()).isEqualTo(1000);
        assertThat(options.maxPingsOut()).isEqualTo(5);
        assertThat(ConfigFiles.load(dir, "max_connections: 7\nmax_subscriptions: 9"))
                .extracting(ServerOptions::maxConnections, ServerOptions::maxSubscriptions)
                .containsExactly(7, 9);
    }

    @Test
    void readsDurationStringsInGoFormat() {
        var options = ConfigFiles.load(dir, "ping_interval: 90s\nwrite_deadline: \"2.5s\"");

        assertThat(options.pingInterval()).isEqualTo(Duration.ofSeconds(90));
        assertThat(options.writeDeadline()).isEqualTo(Duration.ofMillis(2500));
    }

    @Test
    void readsABareIntegerDurationAsSecondsWithAWarning() {
        try (var logs = new LogCapture()) {
            var options = ConfigFiles.load(dir, "ping_interval: 30\nwrite_deadline: 2m");

            assertThat(options.pingInterval()).isEqualTo(Duration.ofSeconds(30));
            assertThat(options.writeDeadline()).isEqualTo(Duration.ofSeconds(2_000_000));
            assertThat(logs.messages(ch.qos.logback.classic.Level.WARN))
                    .anySatisfy(message ->
                            assertThat(message).contains("nats.conf:1:1: invalid use of field \"ping_interval\""))
                    .anySatisfy(message -> assertThat(message).contains("2000000 is read as seconds"));
        }
    }

    @Test
    void readsLoggingSettingsAndFiles() {
        var options = ConfigFiles.load(dir, """
                debug: true
                trace: yes
                logtime: false
                log_file: /var/log/nats.log
                pid_file: /run/nats.pid
                ports_file_dir: /tmp/ports
                """);

        assertThat(options.debug()).isTrue();
        assertThat(options.trace()).isTrue();
        assertThat(options.logFile()).isEqualTo(Path.of("/var/log/nats.log"));
        assertThat(options.pidFile()).isEqualTo(Path.of("/run/nats.pid"));
        assertThat(options.portsFileDir()).isEqualTo(Path.of("/tmp/ports"));
        assertThat(ConfigFiles.load(dir, "logfile: a.log\npidfile: a.pid"))
                .extracting(ServerOptions::logFile, ServerOptions::pidFile)
                .containsExactly(Path.of("a.log"), Path.of("a.pid"));
        assertThat(ConfigFiles.load(dir, "trace_verbose: on").trace()).isTrue();
    }

    @Test
    void matchesSettingNamesInAnyCase() {
        var options = ConfigFiles.load(dir, "PORT: 5222\nServer_Name: upper\nJetStream: enabled");

        assertThat(options.port()).isEqualTo(5222);
        assertThat(options.serverName()).isEqualTo("upper");
        assertThat(options.jetStream().enabled()).isTrue();
    }

    @Test
    void takesSettingsFromIncludesAndVariables() {
        ConfigFiles.write(dir, "limits.conf", "max_payload: 512KB");
        var options = ConfigFiles.load(
                dir,
                "include limits.conf\nPORT_NUMBER: 6000\nport: $PORT_NUMBER\nserver_name: $NAME",
                java.util.Map.of("NAME", "from-env"));

        assertThat(options.maxPayload()).isEqualTo(512 * 1024);
        assertThat(options.port()).isEqualTo(6000);
        assertThat(options.serverName()).isEqualTo("from-env");
    }
}
