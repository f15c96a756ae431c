package io.junction.jetstream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.junction.jetstream.api.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Malformed and invalid API requests, sent raw: each is answered with the error nats-server 2.9.10 answers with (the
 * expected texts were taken from it with the same requests), and changes nothing.
 */
class ApiBadInputTest extends LiveJetStreamTest {
    @BeforeEach
    void start() throws Exception {
        assertThat(request("$JS.API.STREAM.CREATE.B1", "{\"name\":\"B1\",\"subjects\":[\"b1\"],\"max_msg_size\":10}")
                        .has("error"))
                .isFalse();
    }

    @Test
    void answersMalformedJsonWithInvalidJson() throws Exception {
        for (var body : new String[] {"{", "not json", "[]", "\"x\""}) {
            assertError(request("$JS.API.STREAM.CREATE.A1", body), 400, 10025, "invalid JSON");
            assertError(request("$JS.API.STREAM.INFO.B1", body), 400, 10025, "invalid JSON");
            assertError(request("$JS.API.STREAM.PURGE.B1", body), 400, 10025, "invalid JSON");
            assertError(request("$JS.API.CONSUMER.CREATE.B1", body), 400, 10025, "invalid JSON");
        }
        assertThat(streamNames()).containsExactly("B1");
    }

    @Test
    void createsNoStreamFromAnEmptyRequestOrOneThatDoesNotNameIt() throws Exception {
        assertError(request("$JS.API.STREAM.CREATE.A1", ""), 400, 10025, "invalid JSON");
        assertError(
                request("$JS.API.STREAM.CREATE.A1", "{}"), 400, 10056, "stream name in subject does not match request");
        assertError(
                request("$JS.API.STREAM.CREATE.A1", "null"),
                400,
                10056,
                "stream name in subject does not match request");

        assertThat(streamNames()).containsExactly("B1");
    }

    @Test
    void keepsTheStreamWhenAnUpdateCarriesNoConfiguration() throws Exception {
        assertError(request("$JS.API.STREAM.UPDATE.B1", ""), 400, 10025, "invalid JSON");
        assertError(
                request("$JS.API.STREAM.UPDATE.B1", "{}"),
                500,
                10052,
                "stream name is required and can not contain '.', '*', '>'");

        var config = request("$JS.API.STREAM.INFO.B1", "").get("config");
        assertThat(config.get("subjects").toString()).isEqualTo("[\"b1\"]");
        assertThat(config.get("max_msg_size").asLong()).isEqualTo(10);
    }

    @Test
    void refusesASealedCreateAndMirrorDirectWithoutAMirror() throws Exception {
        assertError(
                request("$JS.API.STREAM.CREATE.A2", "{\"name\":\"A2\",\"subjects\":[\"a2\"],\"sealed\":true}"),
                500,
                10052,
                "stream configuration for create can not be sealed");
        assertError(
                request("$JS.API.STREAM.CREATE.A3", "{\"name\":\"A3\",\"mirror_direct\":true}"),
                500,
                10052,
                "stream has no mirror but does have mirror direct");

        assertThat(streamNames()).containsExactly("B1");
    }

    @Test
    void refusesExternalMirrorsAndSourcesRatherThanIgnoreThem() throws Exception {
        assertError(
                request(
                        "$JS.API.STREAM.CREATE.M1",
                        "{\"name\":\"M1\",\"subjects\":[\"m1\"],\"mirror\":{\"name\":\"B1\"}}"),
                400,
                10034,
                "stream mirrors can not contain subjects");
        assertError(
                request(
                        "$JS.API.STREAM.CREATE.M1",
                        "{\"name\":\"M1\",\"mirror\":{\"name\":\"B1\"},\"sources\":[{\"name\":\"B1\"}]}"),
                400,
                10031,
                "stream mirrors can not also contain other sources");
        assertError(
                request(
                        "$JS.API.STREAM.CREATE.M1",
                        "{\"name\":\"M1\",\"mirror\":{\"name\":\"B1\",\"external\":{\"api\":\"$JS.API\"}}}"),
                400,
                10021,
                "stream external api prefix $JS.API must not overlap with $JS.API");

        assertThat(streamNames()).containsExactly("B1");
    }

    @Test
    void refusesReplicaCountsAsAStandaloneNatsServerDoes() throws Exception {
        assertError(createWithReplicas("7"), 500, 10052, "maximum replicas is 5");
        assertError(createWithReplicas("2147483648"), 500, 10052, "maximum replicas is 5");
        assertError(createWithReplicas("-1"), 400, 10133, "replicas count cannot be negative");
        assertError(createWithReplicas("3"), 500, 10074, "replicas > 1 not supported in non-clustered mode");
        assertError(
                request(
                        "$JS.API.CONSUMER.CREATE.B1.c1",
                        "{\"stream_name\":\"B1\",\"config\":"
                                + "{\"name\":\"c1\",\"ack_policy\":\"explicit\",\"num_replicas\":2}}"),
                500,
                10074,
                "replicas > 1 not supported in non-clustered mode");

        assertThat(streamNames()).containsExactly("B1");
        assertThat(connection.jetStreamManagement().getConsumerNames("B1")).isEmpty();
    }

    @Test
    void answersValuesOutsideTheFieldTypesWithInvalidJson() throws Exception {
        var invalid = new String[] {
            "\"max_msgs\":9223372036854775808",
            "\"max_msg_size\":2147483648",
            "\"first_seq\":-1",
            "\"max_msgs\":1.5",
            "\"retention\":\"Limits\"",
            "\"storage\":\"File\"",
        };
        for (var field : invalid) {
            assertError(
                    request("$JS.API.STREAM.CREATE.T1", "{\"name\":\"T1\",\"subjects\":[\"t1\"]," + field + "}"),
                    400,
                    10025,
                    "invalid JSON");
        }
        for (var body : new String[] {"{\"keep\":-1}", "{\"seq\":-1}"}) {
            assertError(request("$JS.API.STREAM.PURGE.B1", body), 400, 10025, "invalid JSON");
        }
        assertError(request("$JS.API.STREAM.MSG.GET.B1", "{\"seq\":-1}"), 400, 10025, "invalid JSON");
        assertError(request("$JS.API.STREAM.MSG.DELETE.B1", "{\"seq\":-1}"), 400, 10025, "invalid JSON");

        assertThat(streamNames()).containsExactly("B1");
        var discardInAnyCase =
                request("$JS.API.STREAM.CREATE.T1", "{\"name\":\"T1\",\"subjects\":[\"t1\"],\"discard\":\"New\"}");
        assertThat(discardInAnyCase.path("config").path("discard").asText()).isEqualTo("new");
    }

    @Test
    void answersConsumerValuesOutsideTheFieldTypesWithInvalidJson() throws Exception {
        var invalid = new String[] {
            "\"opt_start_seq\":-1",
            "\"rate_limit_bps\":-1",
            "\"max_ack_pending\":9223372036854775808",
            "\"ack_policy\":\"Explicit\"",
            "\"replay_policy\":\"Instant\"",
            "\"deliver_policy\":\"by_start_time\",\"opt_start_time\":\"yesterday\"",
        };
        for (var field : invalid) {
            var config = "{\"name\":\"c1\",\"ack_policy\":\"explicit\"," + field + "}";
            assertError(
                    request("$JS.API.CONSUMER.CREATE.B1.c1", "{\"stream_name\":\"B1\",\"config\":" + config + "}"),
                    400,
                    10025,
                    "invalid JSON");
        }

        assertThat(connection.jetStreamManagement().getConsumerNames("B1")).isEmpty();
    }

    @Test
    void deletesNothingWhenADeleteCarriesABody() throws Exception {
        request(
                "$JS.API.CONSUMER.CREATE.B1.c1",
                "{\"stream_name\":\"B1\",\"config\":{\"name\":\"c1\",\"ack_policy\":\"explicit\"}}");
        var notEmpty = "expected an empty request payload";

        for (var body : new String[] {"{", "{\"x\":1}", "null"}) {
            assertError(request("$JS.API.STREAM.DELETE.B1", body), 400, 10038, notEmpty);
            assertError(request("$JS.API.CONSUMER.DELETE.B1.c1", body), 400, 10038, notEmpty);
            assertError(request("$JS.API.CONSUMER.INFO.B1.c1", body), 400, 10038, notEmpty);
        }
        assertError(request("$JS.API.STREAM.MSG.DELETE.B1", ""), 400, 10003, "bad request");
        assertError(request("$JS.API.STREAM.MSG.DELETE.B1", "{ }"), 400, 10003, "bad request");

        assertThat(streamNames()).containsExactly("B1");
        assertThat(connection.jetStreamManagement().getConsumerNames("B1")).containsExactly("c1");
        assertThat(request("$JS.API.CONSUMER.DELETE.B1.c1", "{ }")
                        .path("success")
                        .asBoolean())
                .isTrue();
        assertThat(request("$JS.API.STREAM.DELETE.B1", "").path("success").asBoolean())
                .isTrue();
    }

    @Test
    void checksConsumerCreatesAgainstTheSubjectForm() throws Exception {
        var durable = "{\"stream_name\":\"B1\",\"config\":{\"durable_name\":\"d1\",\"ack_policy\":\"explicit\"}}";
        var unnamed = "{\"stream_name\":\"B1\",\"config\":{\"ack_policy\":\"explicit\"}}";

        assertError(request("$JS.API.CONSUMER.CREATE.B1", ""), 400, 10025, "invalid JSON");
        assertError(
                request("$JS.API.CONSUMER.CREATE.B1.c1", "{\"config\":{\"ack_policy\":\"explicit\"}}"),
                400,
                10056,
                "stream name in subject does not match request");
        assertError(
                request("$JS.API.CONSUMER.CREATE.B1", durable),
                400,
                10020,
                "consumer expected to be ephemeral but a durable name was set in request");
        assertError(
                request(
                        "$JS.API.CONSUMER.CREATE.B1",
                        "{\"stream_name\":\"B1\",\"config\":{\"name\":\"x\",\"durable_name\":\"y\"}}"),
                400,
                10020,
                "consumer expected to be ephemeral but a durable name was set in request");
        assertError(
                request("$JS.API.CONSUMER.DURABLE.CREATE.B1.d1", unnamed),
                400,
                10018,
                "consumer expected to be durable but a durable name was not set");
        assertError(
                request("$JS.API.CONSUMER.DURABLE.CREATE.B1.d2", durable),
                400,
                10017,
                "consumer name in subject does not match durable name in request");

        assertThat(connection.jetStreamManagement().getConsumerNames("B1")).isEmpty();
        assertThat(request("$JS.API.CONSUMER.DURABLE.CREATE.B1.d1", durable)
                        .path("name")
                        .asText())
                .isEqualTo("d1");
        assertThat(request("$JS.API.CONSUMER.CREATE.B1.c1", unnamed)
                        .path("name")
                        .asText())
                .isEqualTo("c1");
    }

    @Test
    void ignoresUnknownFieldsAsNatsServer29Does() throws Exception {
        var created = request(
                "$JS.API.STREAM.CREATE.A1", "{\"name\":\"A1\",\"subjects\":[\"a1\"],\"bogus_field\":{\"x\":1}}");
        var info = request("$JS.API.STREAM.INFO.B1", "{\"bogus\":1}");

        assertThat(created.path("did_create").asBoolean()).isTrue();
        assertThat(info.path("config").path("name").asText()).isEqualTo("B1");
    }

    private JsonNode createWithReplicas(String replicas) throws Exception {
        return request(
                "$JS.API.STREAM.CREATE.R1",
                "{\"name\":\"R1\",\"subjects\":[\"r1\"],\"num_replicas\":" + replicas + "}");
    }

    private JsonNode request(String subject, String body) throws Exception {
        var reply = connection.request(subject, body.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5));
        assertThat(reply).as("reply to %s %s", subject, body).isNotNull();
        return Json.MAPPER.readTree(reply.getData());
    }

    private java.util.List<String> streamNames() throws Exception {
        return connection.jetStreamManagement().getStreamNames();
    }

    private static void assertError(JsonNode response, int code, int errCode, String description) {
        assertThat(response.path("error").toString())
                .isEqualTo("{\"code\":%d,\"err_code\":%d,\"description\":\"%s\"}", code, errCode, description);
    }
}
