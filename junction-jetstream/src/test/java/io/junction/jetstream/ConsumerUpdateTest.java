package io.junction.jetstream;

import static io.junction.jetstream.RawApi.assertError;
import static io.junction.jetstream.RawApi.assertNoError;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a create or update of an existing consumer may change, as nats-server 2.10.29's checkNewConsumerConfig and
 * its work-queue partition check decide (the texts are its source's; 2.9.10 answers the same ones).
 */
class ConsumerUpdateTest extends LiveJetStreamTest {
    private static final String CREATE = "$JS.API.CONSUMER.CREATE.U.C";

    private RawApi api;

    @BeforeEach
    void start() throws Exception {
        api = new RawApi(connection);
        assertNoError(api.request("$JS.API.STREAM.CREATE.U", "{\"name\":\"U\",\"subjects\":[\"u.>\"]}"));
        assertNoError(api.request(CREATE, consumer("\"ack_policy\":\"explicit\"")));
    }

    @Test
    void refusesChangesToWhatAConsumerIsWithTheReasonAs10012() throws Exception {
        var refusals = new String[][] {
            {"\"ack_policy\":\"none\"", "ack policy can not be updated"},
            {"\"ack_policy\":\"explicit\",\"deliver_policy\":\"last\"", "deliver policy can not be updated"},
            {
                "\"ack_policy\":\"explicit\",\"deliver_policy\":\"by_start_sequence\",\"opt_start_seq\":5",
                "deliver policy can not be updated"
            },
            {"\"ack_policy\":\"explicit\",\"replay_policy\":\"original\"", "replay policy can not be updated"},
            {"\"ack_policy\":\"explicit\",\"max_waiting\":7", "max waiting can not be updated"},
            {
                "\"ack_policy\":\"explicit\",\"deliver_subject\":\"push.here\"",
                "can not update pull consumer to push based"
            }
        };
        for (var refusal : refusals) {
            assertError(api.request(CREATE, consumer(refusal[0])), 500, 10012, refusal[1]);
            assertError(api.request(CREATE, consumer(refusal[0], "update")), 500, 10012, refusal[1]);
        }
        var info = api.request("$JS.API.CONSUMER.INFO.U.C", "");
        assertThat(info.path("config").path("ack_policy").asText()).isEqualTo("explicit");
        assertThat(info.path("config").path("deliver_policy").asText()).isEqualTo("all");
        assertThat(info.path("config").path("max_waiting").asInt()).isEqualTo(512);
    }

    @Test
    void letsAnUpdateChangeWhatNatsServerAllows() throws Exception {
        var updated = api.request(
                CREATE,
                consumer(
                        "\"ack_policy\":\"explicit\",\"description\":\"now\",\"max_deliver\":3,\"ack_wait\":5000000000",
                        "update"));

        assertNoError(updated);
        assertThat(updated.path("config").path("description").asText()).isEqualTo("now");
        assertThat(updated.path("config").path("max_deliver").asInt()).isEqualTo(3);
        assertThat(updated.path("config").path("ack_wait").asLong()).isEqualTo(5_000_000_000L);
        // the subject names the consumer, and the configuration says so
        assertThat(updated.path("config").path("name").asText()).isEqualTo("C");
    }

    @Test
    void theSubjectNamesTheConsumerWhateverNameTheBodyGives() throws Exception {
        var created = api.request("$JS.API.CONSUMER.CREATE.U.X", "{\"stream_name\":\"U\",\"config\":{\"name\":\"Y\"}}");

        assertNoError(created);
        assertThat(created.path("name").asText()).isEqualTo("X");
        assertThat(created.path("config").path("name").asText()).isEqualTo("X");
        assertError(
                api.request(
                        "$JS.API.CONSUMER.CREATE.U.X", "{\"stream_name\":\"U\",\"config\":{\"durable_name\":\"Z\"}}"),
                400,
                10017,
                "consumer name in subject does not match durable name in request");
    }

    @Test
    void movesAPushConsumerToAnotherDeliverSubjectOnlyWhileNobodyListens() throws Exception {
        var push = "$JS.API.CONSUMER.CREATE.U.P";
        assertNoError(api.request(push, named("P", "\"deliver_subject\":\"old.box\"", "")));
        var listener = connection.subscribe("old.box");
        connection.flush(Duration.ofSeconds(5));

        assertError(
                api.request(push, named("P", "\"deliver_subject\":\"new.box\"", "")),
                400,
                10013,
                "consumer name already in use");
        assertError(api.request(push, named("P", "", "")), 500, 10012, "can not update push consumer to pull based");

        listener.unsubscribe();
        connection.flush(Duration.ofSeconds(5));
        var moved = api.request(push, named("P", "\"deliver_subject\":\"new.box\"", ""));
        assertNoError(moved);
        assertThat(moved.path("config").path("deliver_subject").asText()).isEqualTo("new.box");
    }

    @Test
    void keepsWorkQueueConsumersOnSubjectsOfTheirOwn() throws Exception {
        assertNoError(api.request(
                "$JS.API.STREAM.CREATE.W", "{\"name\":\"W\",\"subjects\":[\"w.>\"],\"retention\":\"workqueue\"}"));
        assertNoError(api.request("$JS.API.CONSUMER.CREATE.W.A", work("A", null)));

        // an unfiltered consumer takes every subject, so a filtered one is not unique beside it
        assertError(
                api.request("$JS.API.CONSUMER.CREATE.W.F", work("F", "w.a")),
                400,
                10100,
                "filtered consumer not unique on workqueue stream");
        assertError(
                api.request("$JS.API.CONSUMER.CREATE.W.B", work("B", null)),
                400,
                10099,
                "multiple non-filtered consumers not allowed on workqueue stream");

        assertNoError(api.request("$JS.API.CONSUMER.DELETE.W.A", ""));
        assertNoError(api.request("$JS.API.CONSUMER.CREATE.W.A", work("A", "w.a")));
        assertNoError(api.request("$JS.API.CONSUMER.CREATE.W.B", work("B", "w.b")));
        // an update may not move a consumer onto another's subjects either
        assertError(
                api.request("$JS.API.CONSUMER.CREATE.W.B", work("B", "w.*")),
                400,
                10100,
                "filtered consumer not unique on workqueue stream");
    }

    private static String consumer(String config) {
        return consumer(config, "");
    }

    private static String consumer(String config, String action) {
        return named("C", config, action);
    }

    private static String named(String name, String config, String action) {
        var fields = config.isEmpty() ? "" : "," + config;
        var act = action.isEmpty() ? "" : ",\"action\":\"" + action + "\"";
        return "{\"stream_name\":\"U\",\"config\":{\"durable_name\":\"" + name + "\"" + fields + "}" + act + "}";
    }

    private static String work(String name, String filter) {
        var filterField = filter == null ? "" : ",\"filter_subject\":\"" + filter + "\"";
        return "{\"stream_name\":\"W\",\"config\":{\"durable_name\":\"" + name + "\",\"ack_policy\":\"explicit\""
                + filterField + "}}";
    }
}
