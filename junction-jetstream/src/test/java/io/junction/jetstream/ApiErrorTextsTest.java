package io.junction.jetstream;

import static io.junction.jetstream.RawApi.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.junction.jetstream.api.Json;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Requests, sent raw, that nats-server 2.10.29 refuses: each gets its code and text, as its source gives them. */
class ApiErrorTextsTest extends LiveJetStreamTest {
    @Test
    void refusesSubjectsThatCollideWithTheApiUnlessNoAck() throws Exception {
        for (var subject : new String[] {"*.>", "*.API.>", "*.*.*.INFO", "$JS.API.>", "$JSC.>", "$NRG.x"}) {
            assertError(
                    request("$JS.API.STREAM.CREATE.S", "{\"name\":\"S\",\"subjects\":[\"" + subject + "\"]}"),
                    500,
                    10052,
                    "subjects that overlap with jetstream api require no-ack to be true");
        }
        assertError(
                request("$JS.API.STREAM.CREATE.S", "{\"name\":\"S\",\"subjects\":[\"*.SYS.>\"]}"),
                500,
                10052,
                "subjects that overlap with jetstream api require no-ack to be true");
        assertError(
                request("$JS.API.STREAM.CREATE.S", "{\"name\":\"S\",\"subjects\":[\"$SYS.*.x\"]}"),
                500,
                10052,
                "subjects that overlap with system api require no-ack to be true");

        assertThat(request("$JS.API.STREAM.NAMES", "").get("total").asInt()).isZero();
        var noAck = request("$JS.API.STREAM.CREATE.N", "{\"name\":\"N\",\"subjects\":[\"*.API.>\"],\"no_ack\":true}");
        assertThat(noAck.has("error")).as(noAck.toString()).isFalse();
        assertThat(request("$JS.API.STREAM.DELETE.N", "").has("error")).isFalse();
        for (var subject : new String[] {"$JS.EVENT.>", "$SYS.ACCOUNT.>", "a.>", "x.*"}) {
            var name = "OK" + Math.abs(subject.hashCode());
            var created = request(
                    "$JS.API.STREAM.CREATE." + name, "{\"name\":\"" + name + "\",\"subjects\":[\"" + subject + "\"]}");
            assertThat(created.has("error")).as("%s: %s", subject, created).isFalse();
        }
    }

    @Test
    void refusesATemplateOwnerSinceNoTemplateOwnsAnyStream() throws Exception {
        assertError(
                request("$JS.API.STREAM.CREATE.T", "{\"name\":\"T\",\"subjects\":[\"t\"],\"template_owner\":\"tpl\"}"),
                500,
                10049,
                "stream not owned by template");
        request("$JS.API.STREAM.CREATE.T", "{\"name\":\"T\",\"subjects\":[\"t\"]}");
        assertError(
                request("$JS.API.STREAM.UPDATE.T", "{\"name\":\"T\",\"subjects\":[\"t\"],\"template_owner\":\"tpl\"}"),
                500,
                10052,
                "stream configuration update can not be owned by a template");
    }

    @Test
    void checksConsumerBackoffDescriptionAndMetadataAsNats210Does() throws Exception {
        request("$JS.API.STREAM.CREATE.C", "{\"name\":\"C\",\"subjects\":[\"c\"]}");
        var asManyBackoffsAsDeliveries = "{\"stream_name\":\"C\",\"config\":{\"durable_name\":\"B\","
                + "\"ack_policy\":\"explicit\",\"max_deliver\":2,\"backoff\":[1000000000,2000000000]}}";
        var moreBackoffsThanDeliveries = "{\"stream_name\":\"C\",\"config\":{\"durable_name\":\"M\","
                + "\"ack_policy\":\"explicit\",\"max_deliver\":1,\"backoff\":[1000000000,2000000000]}}";
        var longDescription = "{\"stream_name\":\"C\",\"config\":{\"durable_name\":\"D\",\"description\":\""
                + "d".repeat(4097) + "\"}}";
        var largeMetadata = "{\"stream_name\":\"C\",\"config\":{\"durable_name\":\"L\",\"metadata\":{\"k\":\""
                + "v".repeat(128 * 1024) + "\"}}}";

        var allowed = request("$JS.API.CONSUMER.CREATE.C.B", asManyBackoffsAsDeliveries);

        assertThat(allowed.has("error")).as(allowed.toString()).isFalse();
        assertError(
                request("$JS.API.CONSUMER.CREATE.C.M", moreBackoffsThanDeliveries),
                400,
                10116,
                "max deliver is required to be > length of backoff values");
        assertError(
                request("$JS.API.CONSUMER.CREATE.C.D", longDescription),
                400,
                10107,
                "consumer description is too long, maximum allowed is 4096");
        assertError(
                request("$JS.API.CONSUMER.CREATE.C.L", largeMetadata),
                400,
                10135,
                "consumer metadata exceeds maximum size of 128KB");
    }

    @Test
    void readsJsonNestedAsDeepAsGoDoesAndNoDeeper() throws Exception {
        var deep = "{\"name\":\"N\",\"subjects\":[\"n\"],\"unknown\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}";
        var tooDeep =
                "{\"name\":\"T\",\"subjects\":[\"t\"],\"unknown\":" + "[".repeat(10_001) + "]".repeat(10_001) + "}";

        var created = request("$JS.API.STREAM.CREATE.N", deep);

        assertThat(created.has("error")).as(created.toString()).isFalse();
        assertError(request("$JS.API.STREAM.CREATE.T", tooDeep), 400, 10025, "invalid JSON");
    }

    @Test
    void answersFieldsOfTheWrongTypeAndTrailingGarbageWithInvalidJson() throws Exception {
        for (var field : new String[] {
            "\"subject_transform\":\"x\"",
            "\"republish\":\"x\"",
            "\"mirror\":\"x\"",
            "\"sources\":\"x\"",
            "\"sources\":[\"x\"]",
            "\"sources\":[{\"name\":\"O\",\"external\":\"x\"}]",
            "\"sources\":[{\"name\":\"O\",\"subject_transforms\":\"x\"}]",
            "\"metadata\":\"x\"",
            "\"metadata\":{\"a\":5}"
        }) {
            assertError(
                    request("$JS.API.STREAM.CREATE.T", "{\"name\":\"T\",\"subjects\":[\"t\"]," + field + "}"),
                    400,
                    10025,
                    "invalid JSON");
        }
        assertError(
                request("$JS.API.STREAM.CREATE.T", "{\"name\":\"T\",\"subjects\":[\"t\"]} trailing"),
                400,
                10025,
                "invalid JSON");

        assertThat(request("$JS.API.STREAM.NAMES", "").get("total").asInt()).isZero();
        createStream("{\"name\":\"T\",\"subjects\":[\"t\"],\"mirror\":null,\"metadata\":{\"a\":\"b\"}}");
    }

    @Test
    void answersDirectGetsItCannotReadWithNatsServersStatuses() throws Exception {
        createStream("{\"name\":\"D\",\"subjects\":[\"d.>\"],\"allow_direct\":true}");
        connection.request("d.a", new byte[1], Duration.ofSeconds(5));

        for (var body : new String[] {"x", "{\"seq\":-1}", "{\"seq\":\"1\"}", "[]", "{\"seq\":1} x"}) {
            assertThat(directGetStatus(body)).as(body).isEqualTo("408 Malformed Request");
        }
        for (var body : new String[] {"{}", "{\"seq\":0}", "{\"last_by_subj\":\"\"}", "null"}) {
            assertThat(directGetStatus(body)).as(body).isEqualTo("408 Empty Request");
        }
        assertThat(directGetStatus("{\"seq\":1,\"last_by_subj\":\"d.a\"}")).isEqualTo("408 Bad Request");
        assertThat(directGetStatus("{\"seq\":2}")).isEqualTo("404 Message Not Found");
        var found = connection.request(
                "$JS.API.DIRECT.GET.D",
                "{\"seq\":1,\"last_by_subj\":\"\"}".getBytes(StandardCharsets.UTF_8),
                Duration.ofSeconds(5));
        assertThat(found.getHeaders().getFirst("Nats-Sequence")).isEqualTo("1");
    }

    private String directGetStatus(String body) throws Exception {
        var reply = connection.request(
                "$JS.API.DIRECT.GET.D", body.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5));
        assertThat(reply).as(body).isNotNull();
        assertThat(reply.getStatus()).as(body).isNotNull();
        return reply.getStatus().getCode() + " " + reply.getStatus().getMessage();
    }

    @Test
    void refusesLastPerSubjectWithoutAFilterSubject() throws Exception {
        createStream("{\"name\":\"O\",\"subjects\":[\"o.>\"]}");

        assertError(
                request(
                        "$JS.API.CONSUMER.CREATE.O",
                        "{\"stream_name\":\"O\",\"config\":{\"deliver_policy\":"
                                + "\"last_per_subject\",\"ack_policy\":\"explicit\"}}"),
                400,
                10094,
                "consumer delivery policy is deliver last per subject, but optional filter subject is not set");

        var filtered = request(
                "$JS.API.CONSUMER.CREATE.O",
                "{\"stream_name\":\"O\",\"config\":{\"deliver_policy\":"
                        + "\"last_per_subject\",\"ack_policy\":\"explicit\",\"filter_subject\":\"o.>\"}}");
        assertThat(filtered.has("error")).as(filtered.toString()).isFalse();
    }

    @Test
    void refusesAPullConsumerWithoutAcksOnAWorkQueue() throws Exception {
        createStream("{\"name\":\"W\",\"subjects\":[\"w\"],\"retention\":\"workqueue\"}");

        assertError(
                request("$JS.API.CONSUMER.CREATE.W", "{\"stream_name\":\"W\",\"config\":{\"ack_policy\":\"none\"}}"),
                400,
                10084,
                "consumer in pull mode requires ack policy");
    }

    @Test
    void readsRollupValuesInAnyCaseAndDropsABadOneUnanswered() throws Exception {
        createStream("{\"name\":\"R\",\"subjects\":[\"r.>\"],\"allow_rollup_hdrs\":true}");
        connection.request("r.a", new byte[1], Duration.ofSeconds(5));
        connection.request("r.b", new byte[1], Duration.ofSeconds(5));

        var sub = publish("r.a", "SUB");
        var bad = connection.request(
                NatsMessage.builder()
                        .subject("r.a")
                        .headers(new Headers().add("Nats-Rollup", "bogus"))
                        .data(new byte[1])
                        .build(),
                Duration.ofMillis(500));
        var all = publish("r.c", "All");

        assertThat(sub.get("seq").asLong()).as(sub.toString()).isEqualTo(3);
        assertThat(bad).isNull();
        assertThat(all.get("seq").asLong()).as(all.toString()).isEqualTo(4);
        var state = request("$JS.API.STREAM.INFO.R", "").get("state");
        assertThat(state.get("messages").asLong()).isEqualTo(1);
        assertThat(state.get("last_seq").asLong()).isEqualTo(4);
    }

    private JsonNode publish(String subject, String rollup) throws Exception {
        var reply = connection.request(
                NatsMessage.builder()
                        .subject(subject)
                        .headers(new Headers().add("Nats-Rollup", rollup))
                        .data(new byte[1])
                        .build(),
                Duration.ofSeconds(5));
        assertThat(reply).as("ack of %s with rollup %s", subject, rollup).isNotNull();
        return Json.MAPPER.readTree(reply.getData());
    }

    private void createStream(String config) throws Exception {
        var name = Json.MAPPER.readTree(config).get("name").asText();
        var created = request("$JS.API.STREAM.CREATE." + name, config);
        assertThat(created.has("error")).as(created.toString()).isFalse();
    }

    private JsonNode request(String subject, String body) throws Exception {
        return new RawApi(connection).request(subject, body);
    }
}
