package io.junction.jetstream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.junction.jetstream.api.Json;
import io.nats.client.Connection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** {@code $JS.API} requests sent raw, for tests of nats-server's exact answers, and the check of an error answer. */
final class RawApi {
    private final Connection connection;

    RawApi(Connection connection) {
        this.connection = connection;
    }

    JsonNode request(String subject, String body) throws Exception {
        var reply = connection.request(subject, body.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5));
        assertThat(reply).as("reply to %s %s", subject, body).isNotNull();
        return Json.MAPPER.readTree(reply.getData());
    }

    static void assertError(JsonNode response, int code, int errCode, String description) {
        assertThat(response.path("error").toString())
                .isEqualTo("{\"code\":%d,\"err_code\":%d,\"description\":\"%s\"}", code, errCode, description);
    }

    static void assertNoError(JsonNode response) {
        assertThat(response.has("error")).as(response.toString()).isFalse();
    }
}
