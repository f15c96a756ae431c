package io.junction.nats.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SubszEndpointTest {
    private static final List<String> STATS = List.of(
            "num_subscriptions",
            "num_cache",
            "num_inserts",
            "num_removes",
            "num_matches",
            "cache_hit_rate",
            "max_fanout",
            "avg_fanout");

    private MonitoredServer monitored;

    @BeforeEach
    void start() throws Exception {
        monitored = new MonitoredServer();
        var subscriber = monitored.connect("subscriber");
        subscriber.subscribe("orders.*");
        subscriber.subscribe("orders.>", "workers");
        var gone = subscriber.subscribe("audit");
        subscriber.flush(Duration.ofSeconds(5));
        gone.unsubscribe();
        subscriber.flush(Duration.ofSeconds(5));
        var publisher = monitored.connect("publisher");
        for (var i = 0; i < 4; i++) {
            publisher.publish("orders.new", "hello".getBytes(StandardCharsets.UTF_8));
        }
        publisher.flush(Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() throws InterruptedException {
        monitored.close();
    }

    @Test
    void reportsTheSubjectIndexCountersAlone() throws Exception {
        await().untilAsserted(() ->
                assertThat(monitored.poll("/subsz").get("num_matches").asLong()).isEqualTo(4));

        var subsz = monitored.json("/subsz");

        assertThat(fieldNames(subsz)).containsExactlyElementsOf(STATS);
        assertThat(subsz.get("num_subscriptions").asInt()).isEqualTo(2);
        assertThat(subsz.get("num_inserts").asLong()).isEqualTo(3);
        assertThat(subsz.get("num_removes").asLong()).isEqualTo(1);
        assertThat(subsz.get("max_fanout").asInt()).isEqualTo(2);
        var index = monitored.server().index().stats();
        assertThat(subsz.get("num_cache").asInt()).isEqualTo(index.cached());
        assertThat(subsz.get("cache_hit_rate").asDouble()).isEqualTo(index.cacheHitRate());
        assertThat(subsz.get("avg_fanout").asDouble()).isEqualTo(index.averageFanout());
    }

    @Test
    void listsSubscriptionsInTheGlobalAccountWithSubs() throws Exception {
        var subsz = monitored.json("/subsz?subs=1");

        assertThat(subsz.get("server_id").asText()).isEqualTo(monitored.server().serverId());
        assertThat(subsz.get("num_subscriptions").asInt()).isEqualTo(2);
        assertThat(subsz.get("total").asInt()).isEqualTo(2);
        assertThat(subsz.get("offset").asInt()).isZero();
        assertThat(subsz.get("limit").asInt()).isEqualTo(1024);
        var list = subsz.get("subscriptions_list");
        assertThat(subjects(list)).containsExactlyInAnyOrder("orders.*", "orders.>");
        for (var subscription : list) {
            assertThat(subscription.get("account").asText()).isEqualTo("$G");
            assertThat(subscription.get("sid").asText()).isNotEmpty();
            assertThat(subscription.get("cid").asLong()).isPositive();
            assertThat(subscription.get("msgs").asLong()).isEqualTo(4);
        }
        var queue = StreamSupport.stream(list.spliterator(), false)
                .filter(subscription -> subscription.get("subject").asText().equals("orders.>"))
                .findFirst()
                .orElseThrow();
        assertThat(queue.get("qgroup").asText()).isEqualTo("workers");
    }

    @Test
    void listsOnlyTheSubscriptionsATestSubjectReaches() throws Exception {
        var deep = monitored.json("/subsz?subs=1&test=orders.new.eu");
        var nothing = monitored.json("/subsz?subs=1&test=payments");

        assertThat(subjects(deep.get("subscriptions_list"))).containsExactly("orders.>");
        assertThat(fieldNames(nothing)).containsExactlyElementsOf(STATS);
    }

    @Test
    void pagesTheListWithOffsetAndLimit() throws Exception {
        var page = monitored.json("/subsz?subs=1&offset=1&limit=1");

        assertThat(page.get("subscriptions_list")).hasSize(1);
        assertThat(page.get("offset").asInt()).isEqualTo(1);
        assertThat(page.get("limit").asInt()).isEqualTo(1);
    }

    @Test
    void knowsNoAccountButTheGlobalOne() throws Exception {
        var global = monitored.json("/subsz?acc=$G");
        var other = monitored.json("/subsz?acc=ACME&subs=1");

        assertThat(global.get("num_subscriptions").asInt()).isEqualTo(2);
        assertThat(fieldNames(other)).containsExactlyElementsOf(STATS);
        assertThat(other.get("num_subscriptions").asInt()).isZero();
    }

    @Test
    void rejectsAWildcardTestSubjectAndBadNumbers() throws Exception {
        var wildcard = monitored.get("/subsz?subs=1&test=orders.*");
        var limit = monitored.get("/subsz?limit=1.5");

        assertThat(wildcard.statusCode()).isEqualTo(400);
        assertThat(wildcard.body()).isEqualTo("invalid test subject, must be valid publish subject: orders.*");
        assertThat(limit.statusCode()).isEqualTo(400);
        assertThat(limit.body())
                .isEqualTo("Error decoding int for 'limit': strconv.Atoi: parsing \"1.5\": invalid syntax");
    }

    private static List<String> fieldNames(JsonNode node) {
        var names = new ArrayList<String>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> subjects(JsonNode list) {
        return StreamSupport.stream(list.spliterator(), false)
                .map(subscription -> subscription.get("subject").asText())
                .toList();
    }
}
