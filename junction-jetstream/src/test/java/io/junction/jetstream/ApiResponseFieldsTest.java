package io.junction.jetstream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.junction.jetstream.api.Json;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfoOptions;
import io.nats.client.api.Subject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The fields nats-server 2.10.29's response structs always write: the paging fields of a stream info (which page its
 * subject counts), and the empty fields of error answers, written as Go encodes the whole struct.
 */
class ApiResponseFieldsTest extends LiveJetStreamTest {
    private static final String SUBJECTS = "{\"subjects_filter\":\"s.>\"";

    @Test
    void streamInfoCarriesPagingFieldsAndPagesSubjectCountsFromAnOffset() throws Exception {
        connection
                .jetStreamManagement()
                .addStream(
                        StreamConfiguration.builder().name("S").subjects("s.>").build());
        for (var subject : new String[] {"s.e", "s.c", "s.a", "s.d", "s.b", "s.a"}) {
            connection.jetStream().publish(subject, new byte[0]);
        }

        var plain = request("$JS.API.STREAM.INFO.S", "");
        var all = request("$JS.API.STREAM.INFO.S", SUBJECTS + "}");
        var fromTwo = request("$JS.API.STREAM.INFO.S", SUBJECTS + ",\"offset\":2}");
        var pastTheEnd = request("$JS.API.STREAM.INFO.S", SUBJECTS + ",\"offset\":9}");
        var noneMatch = request("$JS.API.STREAM.INFO.S", "{\"subjects_filter\":\"t.>\",\"offset\":2}");

        assertPaging(plain, 0, 0, 0);
        assertThat(plain.path("state").has("subjects")).isFalse();
        assertPaging(all, 5, 0, 100_000);
        assertThat(all.path("state").path("subjects").path("s.a").asInt()).isEqualTo(2);
        assertThat(all.path("state").path("subjects").size()).isEqualTo(5);
        assertPaging(fromTwo, 5, 2, 100_000);
        assertThat(fromTwo.path("state").path("subjects").fieldNames())
                .toIterable()
                .containsExactly("s.c", "s.d", "s.e");
        assertPaging(pastTheEnd, 5, 9, 100_000);
        assertThat(pastTheEnd.path("state").has("subjects")).isFalse();
        assertPaging(noneMatch, 0, 0, 0);
        assertThat(noneMatch.path("state").has("subjects")).isFalse();
        var viaJnats = connection
                .jetStreamManagement()
                .getStreamInfo("S", StreamInfoOptions.filterSubjects("s.>"))
                .getStreamState()
                .getSubjects();
        assertThat(viaJnats).extracting(Subject::getName).containsExactlyInAnyOrder("s.a", "s.b", "s.c", "s.d", "s.e");
    }

    @Test
    void errorAnswersCarryTheFieldsNatsServerAlwaysWrites() throws Exception {
        var notFound = "\"error\":{\"code\":404,\"err_code\":10059,\"description\":\"stream not found\"}";
        var badJson = "\"error\":{\"code\":400,\"err_code\":10025,\"description\":\"invalid JSON\"}";
        var paged = "\"total\":0,\"offset\":0,\"limit\":0";

        assertAnswer("$JS.API.STREAM.INFO.NOPE", "", type("stream_info") + notFound + "," + paged + "}");
        assertAnswer("$JS.API.STREAM.PURGE.NOPE", "", type("stream_purge") + notFound + ",\"purged\":0}");
        assertAnswer(
                "$JS.API.CONSUMER.NAMES.NOPE",
                "",
                type("consumer_names") + notFound + "," + paged + ",\"consumers\":[]}");
        assertAnswer(
                "$JS.API.CONSUMER.LIST.NOPE",
                "",
                type("consumer_list") + notFound + "," + paged + ",\"consumers\":[]}");
        assertAnswer(
                "$JS.API.STREAM.NAMES", "{bad", type("stream_names") + badJson + "," + paged + ",\"streams\":null}");
        assertAnswer("$JS.API.STREAM.LIST", "{bad", type("stream_list") + badJson + "," + paged + ",\"streams\":[]}");
        assertAnswer(
                "$JS.API.STREAM.RESTORE.NOPE", "{bad", type("stream_restore") + badJson + ",\"deliver_subject\":\"\"}");
        assertAnswer("$JS.API.STREAM.DELETE.NOPE", "", type("stream_delete") + notFound + "}");
    }

    private static String type(String response) {
        return "{\"type\":\"io.nats.jetstream.api.v1." + response + "_response\",";
    }

    private void assertAnswer(String subject, String body, String expected) throws Exception {
        var reply = connection.request(subject, body.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5));

        assertThat(new String(reply.getData(), StandardCharsets.UTF_8))
                .as(subject)
                .isEqualTo(expected);
    }

    private static void assertPaging(JsonNode info, int total, int offset, int limit) {
        assertThat(info.has("error")).as(info.toString()).isFalse();
        assertThat(info.path("total").isInt()).as(info.toString()).isTrue();
        assertThat(info.path("total").asInt()).isEqualTo(total);
        assertThat(info.path("offset").asInt()).isEqualTo(offset);
        assertThat(info.path("limit").asInt()).isEqualTo(limit);
    }

    private JsonNode request(String subject, String body) throws Exception {
        var reply = connection.request(subject, body.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5));
        return Json.MAPPER.readTree(reply.getData());
    }
}
