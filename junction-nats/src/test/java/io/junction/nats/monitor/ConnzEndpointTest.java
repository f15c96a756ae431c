package io.junction.nats.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.junction.nats.auth.AuthOptions;
import io.junction.nats.auth.Permissions;
import io.junction.nats.auth.User;
import io.junction.nats.server.ServerOptions;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConnzEndpointTest {
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
    void listsOpenConnectionsWithTheirClientsAndCounters() throws Exception {
        var alpha = monitored.connect("alpha");
        alpha.subscribe("orders.*");
        alpha.flush(Duration.ofSeconds(5));
        var beta = monitored.connect("beta");
        publish(beta, "orders.new", 3);

        await().untilAsserted(() -> assertThat(connection(monitored.poll("/connz"), "alpha")
                        .get("out_msgs")
                        .asLong())
                .isEqualTo(3));
        var connz = monitored.json("/connz");

        assertThat(connz.get("server_id").asText()).isEqualTo(monitored.server().serverId());
        assertThat(connz.get("num_connections").asInt()).isEqualTo(2);
        assertThat(connz.get("total").asInt()).isEqualTo(2);
        assertThat(connz.get("offset").asInt()).isZero();
        assertThat(connz.get("limit").asInt()).isEqualTo(1024);
        assertThat(Instant.parse(connz.get("now").asText()))
                .isAfter(monitored.server().startTime());
        assertThat(names(connz)).containsExactly("alpha", "beta");
        var first = connz.get("connections").get(0);
        assertThat(first.get("cid").asLong())
                .isLessThan(connz.get("connections").get(1).get("cid").asLong());
        assertThat(first.get("kind").asText()).isEqualTo("Client");
        assertThat(first.get("type").asText()).isEqualTo("nats");
        assertThat(first.get("ip").asText()).isEqualTo("127.0.0.1");
        assertThat(first.get("port").asInt()).isPositive();
        assertThat(first.get("lang").asText()).isEqualTo("java");
        assertThat(first.get("version").asText()).isNotEmpty();
        assertThat(first.get("subscriptions").asInt()).isEqualTo(1);
        assertThat(first.get("out_msgs").asLong()).isEqualTo(3);
        assertThat(first.get("out_bytes").asLong()).isEqualTo(15);
        assertThat(first.get("pending_bytes").asLong()).isZero();
        assertThat(first.get("rtt").asText()).isEqualTo("0s");
        assertThat(first.get("uptime").asText()).matches("\\d+s");
        assertThat(first.get("idle").asText()).matches("\\d+s");
        assertThat(Instant.parse(first.get("start").asText()))
                .isBefore(Instant.parse(connz.get("now").asText()));
        assertThat(Instant.parse(first.get("last_activity").asText()))
                .isAfterOrEqualTo(Instant.parse(first.get("start").asText()));
        assertThat(first.has("stop")).isFalse();
        assertThat(first.has("reason")).isFalse();
        assertThat(first.has("subscriptions_list")).isFalse();
        assertThat(first.has("authorized_user")).isFalse();
        var second = connection(connz, "beta");
        assertThat(second.get("in_msgs").asLong()).isEqualTo(3);
        assertThat(second.get("in_bytes").asLong()).isEqualTo(15);
    }

    @Test
    void listsSubscribedSubjectsWithSubs() throws Exception {
        var client = monitored.connect("subscriber");
        client.subscribe("orders.*");
        client.subscribe("audit.>", "auditors");
        client.flush(Duration.ofSeconds(5));

        var connz = monitored.json("/connz?subs=1");

        var subjects = connection(connz, "subscriber").get("subscriptions_list");
        assertThat(texts(subjects)).containsExactlyInAnyOrder("orders.*", "audit.>");
    }

    @Test
    void detailsEachSubscriptionWithSubsDetail() throws Exception {
        var subscriber = monitored.connect("subscriber");
        subscriber.subscribe("audit.>", "auditors");
        subscriber.flush(Duration.ofSeconds(5));
        publish(monitored.connect("publisher"), "audit.login", 2);
        await().untilAsserted(() -> assertThat(connection(monitored.poll("/connz"), "subscriber")
                        .get("out_msgs")
                        .asLong())
                .isEqualTo(2));

        var connz = monitored.json("/connz?subs=detail");

        var subscriberInfo = connection(connz, "subscriber");
        var detail = subscriberInfo.get("subscriptions_list_detail");
        assertThat(detail).hasSize(1);
        assertThat(detail.get(0).get("subject").asText()).isEqualTo("audit.>");
        assertThat(detail.get(0).get("qgroup").asText()).isEqualTo("auditors");
        assertThat(detail.get(0).get("sid").asText()).isNotEmpty();
        assertThat(detail.get(0).get("msgs").asLong()).isEqualTo(2);
        assertThat(detail.get(0).get("cid").asLong())
                .isEqualTo(subscriberInfo.get("cid").asLong());
        assertThat(subscriberInfo.has("subscriptions_list")).isFalse();
    }

    @Test
    void sortsLargestFirstAndPagesWithOffsetAndLimit() throws Exception {
        var clients = new ArrayList<Connection>();
        for (var subscriptions = 0; subscriptions < 3; subscriptions++) {
            var client = monitored.connect("subs-" + subscriptions);
            for (var i = 0; i < subscriptions; i++) {
                client.subscribe("topic." + i);
            }
            client.flush(Duration.ofSeconds(5));
            clients.add(client);
        }
        publish(clients.get(0), "nobody.listens", 5);
        publish(clients.get(2), "nobody.listens", 1);

        await().untilAsserted(() -> assertThat(connection(monitored.poll("/connz"), "subs-0")
                        .get("in_msgs")
                        .asLong())
                .isEqualTo(5));
        await().untilAsserted(() -> assertThat(connection(monitored.poll("/connz"), "subs-2")
                        .get("in_msgs")
                        .asLong())
                .isEqualTo(1));

        assertThat(names(monitored.json("/connz?sort=subs"))).containsExactly("subs-2", "subs-1", "subs-0");
        assertThat(names(monitored.json("/connz?sort=msgs_from"))).containsExactly("subs-0", "subs-2", "subs-1");
        assertThat(names(monitored.json("/connz?sort=bytes_from"))).containsExactly("subs-0", "subs-2", "subs-1");
        assertThat(names(monitored.json("/connz?sort=cid"))).containsExactly("subs-0", "subs-1", "subs-2");
        assertThat(names(monitored.json("/connz?sort=uptime"))).containsExactly("subs-2", "subs-1", "subs-0");
        var page = monitored.json("/connz?sort=subs&offset=1&limit=1");
        assertThat(names(page)).containsExactly("subs-1");
        assertThat(page.get("num_connections").asInt()).isEqualTo(1);
        assertThat(page.get("total").asInt()).isEqualTo(3);
        assertThat(page.get("offset").asInt()).isEqualTo(1);
        assertThat(page.get("limit").asInt()).isEqualTo(1);
        var beyond = monitored.json("/connz?offset=10");
        assertThat(beyond.get("connections")).isEmpty();
        assertThat(beyond.get("connections").isArray()).isTrue();
        assertThat(beyond.get("total").asInt()).isEqualTo(3);
    }

    @Test
    void findsOneConnectionByCid() throws Exception {
        monitored.connect("first");
        monitored.connect("second");
        var cid = connection(monitored.json("/connz"), "second").get("cid").asLong();

        var connz = monitored.json("/connz?cid=" + cid);

        assertThat(names(connz)).containsExactly("second");
        assertThat(connz.get("limit").asInt()).isEqualTo(1);
        assertThat(monitored.json("/connz?cid=999").get("connections")).isEmpty();
    }

    @Test
    void keepsClosedConnectionsWithStopAndReason() throws Exception {
        monitored.connect("stays");
        var leaving = monitored.connect("leaves");
        leaving.subscribe("farewell");
        leaving.flush(Duration.ofSeconds(5));

        leaving.close();

        await().untilAsserted(() ->
                assertThat(names(monitored.poll("/connz?state=closed"))).containsExactly("leaves"));
        var closed = connection(monitored.json("/connz?state=closed&subs=1"), "leaves");
        assertThat(closed.get("reason").asText()).isEqualTo("Client Closed");
        assertThat(Instant.parse(closed.get("stop").asText()))
                .isAfterOrEqualTo(Instant.parse(closed.get("start").asText()));
        assertThat(texts(closed.get("subscriptions_list"))).containsExactly("farewell");
        assertThat(closed.get("subscriptions").asInt()).isEqualTo(1);
        assertThat(names(monitored.json("/connz"))).containsExactly("stays");
        var any = monitored.json("/connz?state=any");
        assertThat(names(any)).containsExactly("stays", "leaves");
        assertThat(any.get("total").asInt()).isEqualTo(2);
        assertThat(names(monitored.json("/connz?state=closed&sort=reason"))).containsExactly("leaves");
        assertThat(names(monitored.json("/connz?state=closed&sort=stop"))).containsExactly("leaves");
    }

    @Test
    void showsTheAuthorizedUserOnlyWhenAskedWithAuth() throws Exception {
        try (var secured = new MonitoredServer(ServerOptions.builder()
                .port(-1)
                .httpPort(-1)
                .auth(new AuthOptions(null, List.of(new User("alice", "secret", null)), null, Permissions.ALL)))) {
            var options = new Options.Builder()
                    .server(secured.server().clientUrl())
                    .userInfo("alice", "secret")
                    .connectionName("alice-app")
                    .build();
            try (var ignored = Nats.connect(options)) {
                var withAuth = connection(secured.json("/connz?auth=1"), "alice-app");
                var withoutAuth = connection(secured.json("/connz"), "alice-app");
                var filtered = secured.json("/connz?auth=true&user=bob");

                assertThat(withAuth.get("authorized_user").asText()).isEqualTo("alice");
                assertThat(withoutAuth.has("authorized_user")).isFalse();
                assertThat(filtered.get("connections")).isEmpty();
            }
        }
    }

    @Test
    void rejectsBadParametersWithNatsServerTexts() throws Exception {
        assertBadRequest("/connz?sort=bogus", "invalid sorting option: bogus");
        assertBadRequest("/connz?sort=stop", "sort by stop only valid on closed connections");
        assertBadRequest("/connz?sort=reason&state=any", "sort by reason only valid on closed connections");
        assertBadRequest("/connz?state=gone", "Error decoding state for gone");
        assertBadRequest(
                "/connz?limit=ten", "Error decoding int for 'limit': strconv.Atoi: parsing \"ten\": invalid syntax");
        assertBadRequest(
                "/connz?offset=99999999999999999999",
                "Error decoding int for 'offset': strconv.Atoi: parsing \"99999999999999999999\": value out of range");
        assertBadRequest(
                "/connz?cid=-1", "Error decoding uint64 for 'cid': strconv.ParseUint: parsing \"-1\": invalid syntax");
        assertBadRequest(
                "/connz?subs=maybe",
                "Error decoding boolean for 'subs': strconv.ParseBool: parsing \"maybe\": invalid syntax");
        assertBadRequest(
                "/connz?auth=yes",
                "Error decoding boolean for 'auth': strconv.ParseBool: parsing \"yes\": invalid syntax");
    }

    private void assertBadRequest(String pathAndQuery, String text) throws Exception {
        var response = monitored.get(pathAndQuery);

        assertThat(response.statusCode()).as(pathAndQuery).isEqualTo(400);
        assertThat(response.body()).as(pathAndQuery).isEqualTo(text);
    }

    private static void publish(Connection connection, String subject, int count) throws Exception {
        for (var i = 0; i < count; i++) {
            connection.publish(subject, "hello".getBytes(StandardCharsets.UTF_8));
        }
        connection.flush(Duration.ofSeconds(5));
    }

    private static JsonNode connection(JsonNode connz, String name) {
        return StreamSupport.stream(connz.get("connections").spliterator(), false)
                .filter(connection -> connection.path("name").asText().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no connection named " + name + " in " + connz));
    }

    private static List<String> names(JsonNode connz) {
        return StreamSupport.stream(connz.get("connections").spliterator(), false)
                .map(connection -> connection.path("name").asText())
                .toList();
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false)
                .map(JsonNode::asText)
                .toList();
    }
}
