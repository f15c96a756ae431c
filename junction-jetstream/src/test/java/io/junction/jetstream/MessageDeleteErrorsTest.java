package io.junction.jetstream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.junction.jetstream.api.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code STREAM.MSG.DELETE} of a sequence that holds no message, answered as nats-server 2.10.29 answers it: its file
 * store's {@code removeMsg} tells a deleted sequence inside the stream (10043) from one outside it (10057 with the
 * store's error), and its memory store reports every one as not found.
 */
class MessageDeleteErrorsTest extends LiveJetStreamTest {
    @Test
    void answersADeleteOfAMissingSequenceAsTheFileStoreOfNatsServerDoes() throws Exception {
        createWithFiveMessages("file");

        assertThat(delete("{\"seq\":3}").path("success").asBoolean()).isTrue();
        assertError(delete("{\"seq\":3}"), 400, 10043, "sequence 3 not found");
        assertError(delete("{\"seq\":3,\"no_erase\":true}"), 400, 10043, "sequence 3 not found");
        assertError(delete("{\"seq\":9}"), 500, 10057, "stream store EOF");
        assertError(delete("{\"seq\":0}"), 500, 10057, "no message found");
        assertThat(delete("{\"seq\":1}").path("success").asBoolean()).isTrue();
        assertError(delete("{\"seq\":1}"), 500, 10057, "no message found");
        request("$JS.API.STREAM.PURGE.D", "");
        assertError(delete("{\"seq\":4}"), 500, 10057, "no message found");
        assertError(delete("{\"seq\":6}"), 500, 10057, "stream store EOF");
    }

    @Test
    void answersEveryDeleteOfAMissingSequenceInMemoryAsNotFound() throws Exception {
        createWithFiveMessages("memory");

        assertThat(delete("{\"seq\":3}").path("success").asBoolean()).isTrue();
        assertError(delete("{\"seq\":3}"), 400, 10043, "sequence 3 not found");
        assertError(delete("{\"seq\":9}"), 400, 10043, "sequence 9 not found");
        assertError(delete("{\"seq\":0}"), 400, 10043, "sequence 0 not found");
    }

    private void createWithFiveMessages(String storage) throws Exception {
        var created = request(
                "$JS.API.STREAM.CREATE.D", "{\"name\":\"D\",\"subjects\":[\"d.>\"],\"storage\":\"" + storage + "\"}");
        assertThat(created.has("error")).as(created.toString()).isFalse();
        for (var i = 0; i < 5; i++) {
            connection.jetStream().publish("d.a", ("m" + i).getBytes(StandardCharsets.UTF_8));
        }
    }

    private JsonNode delete(String body) throws Exception {
        return request("$JS.API.STREAM.MSG.DELETE.D", body);
    }

    private static void assertError(JsonNode response, int code, int errCode, String description) {
        assertThat(response.path("type").asText()).isEqualTo("io.nats.jetstream.api.v1.stream_msg_delete_response");
        assertThat(response.path("error").path("code").asInt())
                .as(response.toString())
                .isEqualTo(code);
        assertThat(response.path("error").path("err_code").asInt()).isEqualTo(errCode);
        assertThat(response.path("error").path("description").asText()).isEqualTo(description);
    }

    private JsonNode request(String subject, String body) throws Exception {
        var reply = connection.request(subject, body.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5));
        return Json.MAPPER.readTree(reply.getData());
    }
}
