package io.junction.nats.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.junction.nats.server.NatsServer;
import io.junction.nats.server.ServerOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MonitorServerTest {
    private MonitoredServer monitored;

    @BeforeEach
    void start() {
        monitored = new MonitoredServer();
    }

    @AfterEach
    void stop() throws InterruptedException {
        monitored.close();
    }

    @Test
    void servesAnIndexPageLinkingTheEndpoints() throws Exception {
        var response = monitored.get("/");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
        assertThat(response.body()).contains("href=\"./varz\"", "href=\"./connz\"", "href=\"./subsz\"");
        assertThat(response.body()).contains("href=\"./healthz\"", "href=\"./metrics\"", "2.10.29");
    }

    @Test
    void reportsJetStreamDisabledOnJszWithoutJetStream() throws Exception {
        var response = monitored.get("/jsz");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"disabled\": true");
    }

    @Test
    void reportsEveryJszFieldAsZeroWithoutJetStreamAsNatsServerDoes() throws Exception {
        var jsz = monitored.json("/jsz");

        var fields = new java.util.ArrayList<String>();
        jsz.fieldNames().forEachRemaining(fields::add);
        assertThat(fields)
                .containsExactly(
                        "server_id",
                        "now",
                        "disabled",
                        "config",
                        "memory",
                        "storage",
                        "reserved_memory",
                        "reserved_storage",
                        "accounts",
                        "ha_assets",
                        "api",
                        "streams",
                        "consumers",
                        "messages",
                        "bytes",
                        "total");
        assertThat(jsz.path("config").toString()).isEqualTo("{\"max_memory\":0,\"max_storage\":0}");
        assertThat(jsz.path("api").toString()).isEqualTo("{\"total\":0,\"errors\":0}");
        assertThat(jsz.path("streams").asInt(-1)).isZero();
        assertThat(jsz.path("total").isInt()).isTrue();
    }

    @Test
    void answersUnknownPathsWithGoNotFound() throws Exception {
        for (var path : new String[] {"/nowhere", "/varz/", "/accountz", "/index.html"}) {
            var response = monitored.get(path);

            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.body()).as(path).isEqualTo("404 page not found\n");
        }
    }

    @Test
    void answersAMalformedEscapeWithBadRequest() throws Exception {
        try (var socket = new Socket("127.0.0.1", monitored.monitor().port())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream()
                    .write("GET /connz?sort=%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));

            var response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);

            assertThat(response).startsWith("HTTP/1.1 400 Bad Request");
        }
    }

    @Test
    void servesManyRequestsOverOneKeptAliveConnection() throws Exception {
        try (var socket = new Socket("127.0.0.1", monitored.monitor().port())) {
            var out = socket.getOutputStream();
            var request = "GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            out.write(request);
            out.write(request);
            out.flush();
            var in = socket.getInputStream();
            var received = new StringBuilder();
            var buffer = new byte[4096];
            socket.setSoTimeout(5000);

            while (occurrences(received.toString(), "{\"status\":\"ok\"}") < 2) {
                var read = in.read(buffer);
                assertThat(read)
                        .as("connection stays open for the second answer")
                        .isPositive();
                received.append(new String(buffer, 0, read, StandardCharsets.US_ASCII));
            }

            assertThat(received.toString()).startsWith("HTTP/1.1 200 OK").contains("content-length: 15");
        }
    }

    @Test
    void wrapsJsonInAJsonpCallback() throws Exception {
        var response = monitored.get("/varz?callback=show");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/javascript");
        assertThat(response.body()).startsWith("show({").endsWith("})");
    }

    @Test
    void laysOutJsonAsGoMarshalIndentDoes() throws Exception {
        var body = monitored.get("/connz").body();

        assertThat(body).startsWith("{\n  \"server_id\": \"");
        assertThat(body).contains("\n  \"connections\": []\n}");
    }

    @Test
    void servesEmptyRoutesAndLeafnodesForPollers() throws Exception {
        var routez = monitored.json("/routez");
        var leafz = monitored.json("/leafz");

        assertThat(routez.get("server_id").asText())
                .isEqualTo(monitored.server().serverId());
        assertThat(routez.get("num_routes").asInt()).isZero();
        assertThat(routez.get("routes")).isEmpty();
        assertThat(leafz.get("leafnodes").asInt()).isZero();
        assertThat(leafz.get("leafs")).isEmpty();
    }

    @Test
    void exposesTheCountersAsPrometheusMetrics() throws Exception {
        var subscriber = monitored.connect("subscriber");
        subscriber.subscribe("metrics.test");
        subscriber.flush(Duration.ofSeconds(5));
        var publisher = monitored.connect("publisher");
        for (var i = 0; i < 7; i++) {
            publisher.publish("metrics.test", "abc".getBytes(StandardCharsets.UTF_8));
        }
        publisher.flush(Duration.ofSeconds(5));

        await().untilAsserted(() -> assertThat(monitored.get("/metrics").body())
                .containsPattern("(?m)^junction_nats_out_msgs_total 7\\.0$"));
        var response = monitored.get("/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(response.body())
                .contains("# TYPE junction_nats_connections gauge")
                .contains("# TYPE junction_nats_in_msgs_total counter")
                .containsPattern("(?m)^junction_nats_connections 2\\.0$")
                .containsPattern("(?m)^junction_nats_connections_accepted_total 2\\.0$")
                .containsPattern("(?m)^junction_nats_subscriptions 1\\.0$")
                .containsPattern("(?m)^junction_nats_in_msgs_total 7\\.0$")
                .containsPattern("(?m)^junction_nats_in_bytes_total 21\\.0$")
                .containsPattern("(?m)^junction_nats_out_bytes_total 21\\.0$")
                .containsPattern("(?m)^junction_nats_slow_consumers_total 0\\.0$")
                .containsPattern("(?m)^junction_nats_mem_bytes [1-9]");
    }

    @Test
    void reportsAReachableUrlForThePortsFile() {
        var monitor = monitored.monitor();

        assertThat(monitor.url()).isEqualTo("http://127.0.0.1:" + monitor.port());
        assertThat(monitor.urls()).containsExactly(monitor.url());
    }

    @Test
    void stopsListeningWhenTheServerShutsDown() throws Exception {
        var port = monitored.monitor().port();

        monitored.server().close();

        assertThat(monitored.server().isRunning()).isFalse();
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(IOException.class);
    }

    @Test
    void refusesAPortThatIsTaken() {
        var taken = monitored.monitor().port();
        var other =
                new NatsServer(ServerOptions.builder().port(-1).httpPort(taken).build());
        other.start();
        try {
            assertThatThrownBy(() -> MonitorServer.start(other))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("can't listen to the monitor port");
        } finally {
            other.close();
        }
    }

    @Test
    void refusesToStartWhenMonitoringIsOff() {
        var off = new NatsServer(ServerOptions.builder().port(-1).build());

        assertThatThrownBy(() -> MonitorServer.start(off)).isInstanceOf(IllegalArgumentException.class);
    }

    private static int occurrences(String text, String part) {
        var count = 0;
        for (var at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }
}
