package io.junction.nats.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VarzEndpointTest {
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
    void reportsIdentityAndLimitsWithNatsServerNamesAndTypes() throws Exception {
        var server = monitored.server();

        var varz = monitored.json("/varz");

        assertThat(varz.get("server_id").asText()).isEqualTo(server.serverId());
        assertThat(varz.get("server_name").asText()).isEqualTo(server.serverName());
        assertThat(varz.get("version").asText()).isEqualTo("2.10.29");
        assertThat(varz.get("proto").asInt()).isEqualTo(1);
        assertThat(varz.get("go").asText()).startsWith("java");
        assertThat(varz.get("host").asText()).isEqualTo("0.0.0.0");
        assertThat(varz.get("port").asInt()).isEqualTo(server.port());
        assertThat(varz.get("http_host").asText()).isEqualTo("0.0.0.0");
        assertThat(varz.get("http_port").asInt()).isEqualTo(monitored.monitor().port());
        assertThat(varz.get("max_connections").asInt()).isEqualTo(64 * 1024);
        assertThat(varz.get("ping_interval").isIntegralNumber()).isTrue();
        assertThat(varz.get("ping_interval").asLong())
                .isEqualTo(Duration.ofMinutes(2).toNanos());
        assertThat(varz.get("ping_max").asInt()).isEqualTo(2);
        assertThat(varz.get("write_deadline").asLong())
                .isEqualTo(Duration.ofSeconds(10).toNanos());
        assertThat(varz.get("auth_timeout").toString()).isEqualTo("2");
        assertThat(varz.get("max_control_line").asInt()).isEqualTo(4096);
        assertThat(varz.get("max_payload").asInt()).isEqualTo(1024 * 1024);
        assertThat(varz.get("max_pending").asLong()).isEqualTo(64L * 1024 * 1024);
        assertThat(varz.has("auth_required")).isFalse();
        assertThat(varz.has("max_subscriptions")).isFalse();
    }

    @Test
    void reportsTimesUptimeAndProcessUsage() throws Exception {
        var varz = monitored.json("/varz");

        assertThat(Instant.parse(varz.get("start").asText()))
                .isEqualTo(monitored.server().startTime());
        assertThat(varz.get("now").asText()).endsWith("Z");
        assertThat(Instant.parse(varz.get("now").asText()))
                .isAfterOrEqualTo(monitored.server().startTime());
        assertThat(varz.get("config_load_time").asText())
                .isEqualTo(varz.get("start").asText());
        assertThat(varz.get("uptime").asText()).matches("\\d+s");
        assertThat(varz.get("mem").asLong()).isGreaterThan(1024 * 1024);
        assertThat(varz.get("cores").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(varz.get("gomaxprocs").asInt())
                .isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(varz.get("cpu").isNumber()).isTrue();
        assertThat(varz.get("cpu").asDouble()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void reportsAStandaloneServerWithoutOtherListeners() throws Exception {
        var varz = monitored.json("/varz");

        assertThat(varz.get("routes").asInt()).isZero();
        assertThat(varz.get("remotes").asInt()).isZero();
        assertThat(varz.get("leafnodes").asInt()).isZero();
        for (var listener : new String[] {"cluster", "gateway", "leaf", "mqtt", "websocket", "jetstream"}) {
            assertThat(varz.get(listener).isObject()).as(listener).isTrue();
            assertThat(varz.get(listener).isEmpty()).as(listener).isTrue();
        }
    }

    @Test
    void countsMessagesAndBytesPublishedByRealClients() throws Exception {
        var subscriber = monitored.connect("subscriber");
        subscriber.subscribe("orders.new");
        subscriber.flush(Duration.ofSeconds(5));
        var publisher = monitored.connect("publisher");

        for (var i = 0; i < 10; i++) {
            publisher.publish("orders.new", "hello".getBytes(StandardCharsets.UTF_8));
        }
        publisher.flush(Duration.ofSeconds(5));

        await().untilAsserted(() -> {
            var varz = monitored.poll("/varz");
            assertThat(varz.get("in_msgs").asLong()).isEqualTo(10);
            assertThat(varz.get("out_msgs").asLong()).isEqualTo(10);
            assertThat(varz.get("in_bytes").asLong()).isEqualTo(50);
            assertThat(varz.get("out_bytes").asLong()).isEqualTo(50);
        });
        var varz = monitored.json("/varz");
        assertThat(varz.get("connections").asInt()).isEqualTo(2);
        assertThat(varz.get("total_connections").asLong()).isEqualTo(2);
        assertThat(varz.get("subscriptions").asInt()).isEqualTo(1);
        assertThat(varz.get("slow_consumers").asLong()).isZero();
    }

    @Test
    void keepsClosedConnectionsInTotalConnections() throws Exception {
        monitored.connect("stays");
        var leaving = monitored.connect("leaves");

        leaving.close();

        await().untilAsserted(() -> {
            var varz = monitored.poll("/varz");
            assertThat(varz.get("connections").asInt()).isEqualTo(1);
            assertThat(varz.get("total_connections").asLong()).isEqualTo(2);
        });
    }

    @Test
    void countsRequestsPerEndpointIncludingTheAliasOfSubsz() throws Exception {
        monitored.json("/connz");
        monitored.json("/connz");
        monitored.json("/subsz");
        monitored.json("/subscriptionsz");
        monitored.get("/nowhere");

        var stats = monitored.json("/varz").get("http_req_stats");

        assertThat(stats.get("/connz").asLong()).isEqualTo(2);
        assertThat(stats.get("/subsz").asLong()).isEqualTo(2);
        assertThat(stats.get("/varz").asLong()).isEqualTo(1);
        assertThat(stats.has("/subscriptionsz")).isFalse();
        assertThat(stats.has("/nowhere")).isFalse();
    }
}
