package io.junction.jetstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.junction.jetstream.api.Json;
import io.junction.jetstream.store.StateFile;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.DiscardPolicy;
import io.nats.client.api.StreamConfiguration;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sealing a stream as nats-server 2.10.29 does (stream.go, {@code configUpdateCheck}): nothing leaves it any more, so
 * {@code max_age} goes to 0, discard to new, deletes and purges are denied and rollups refused.
 */
class SealedStreamTest extends LiveJetStreamTest {
    private static final Duration MAX_AGE = Duration.ofMillis(500);

    private JetStreamManagement jsm;

    @BeforeEach
    void start() throws Exception {
        jsm = connection.jetStreamManagement();
    }

    @Test
    void aSealedStreamKeepsItsMessagesPastMaxAgeAndReportsWhatSealingForces() throws Exception {
        jsm.addStream(StreamConfiguration.builder()
                .name("SA")
                .subjects("sa.>")
                .maxAge(MAX_AGE)
                .allowRollup(true)
                .build());
        for (var i = 0; i < 3; i++) {
            connection.jetStream().publish("sa.a", ("m" + i).getBytes(StandardCharsets.UTF_8));
        }

        var sealed = jsm.updateStream(
                        StreamConfiguration.builder(jsm.getStreamInfo("SA").getConfiguration())
                                .seal()
                                .build())
                .getConfiguration();

        assertThat(sealed.getSealed()).isTrue();
        assertThat(sealed.getMaxAge()).isEqualTo(Duration.ZERO);
        assertThat(sealed.getDiscardPolicy()).isEqualTo(DiscardPolicy.New);
        assertThat(sealed.getDenyDelete()).isTrue();
        assertThat(sealed.getDenyPurge()).isTrue();
        assertThat(sealed.getAllowRollup()).isFalse();
        await().during(MAX_AGE.multipliedBy(3))
                .atMost(MAX_AGE.multipliedBy(5))
                .until(() -> jsm.getStreamInfo("SA").getStreamState().getMsgCount() == 3);

        restart();

        var recovered = jsm.getStreamInfo("SA");
        assertThat(recovered.getStreamState().getMsgCount()).isEqualTo(3);
        assertThat(recovered.getConfiguration().getMaxAge()).isEqualTo(Duration.ZERO);
        assertThat(recovered.getConfiguration().getDenyDelete()).isTrue();
    }

    @Test
    void refusesAnUpdateOfASealedStreamThatDropsWhatSealingForcedAsNatsServerDoes() throws Exception {
        request("$JS.API.STREAM.CREATE.SE", "{\"name\":\"SE\",\"subjects\":[\"se.>\"]}");
        var sealed = request("$JS.API.STREAM.UPDATE.SE", "{\"name\":\"SE\",\"subjects\":[\"se.>\"],\"sealed\":true}");
        assertThat(sealed.path("config").path("deny_delete").asBoolean())
                .as(sealed.toString())
                .isTrue();

        var unseal = request("$JS.API.STREAM.UPDATE.SE", "{\"name\":\"SE\",\"subjects\":[\"se.>\"],\"sealed\":false}");
        var again = request(
                "$JS.API.STREAM.UPDATE.SE",
                "{\"name\":\"SE\",\"subjects\":[\"se.>\"],\"sealed\":true,\"max_age\":1000000000000}");
        var purgeDenied = request(
                "$JS.API.STREAM.UPDATE.SE",
                "{\"name\":\"SE\",\"subjects\":[\"se.>\"],\"sealed\":true,\"deny_delete\":true}");
        var whole = request(
                "$JS.API.STREAM.UPDATE.SE",
                "{\"name\":\"SE\",\"subjects\":[\"se.>\"],\"sealed\":true,\"deny_delete\":true,\"deny_purge\":true,"
                        + "\"max_age\":1000000000000}");

        assertError(unseal, "stream configuration update can not unseal a sealed stream");
        assertError(again, "stream configuration update can not cancel deny message deletes");
        assertError(purgeDenied, "stream configuration update can not cancel deny purge");
        assertThat(whole.has("error")).as(whole.toString()).isFalse();
        assertThat(whole.path("config").path("max_age").asLong()).isZero();
        assertThat(whole.path("config").path("discard").asText()).isEqualTo("new");
    }

    @Test
    void aStreamSealedByAnEarlierJunctionStopsExpiringOnceRestarted() throws Exception {
        jsm.addStream(StreamConfiguration.builder()
                .name("OLD")
                .subjects("old.>")
                .maxAge(MAX_AGE)
                .build());
        connection.jetStream().publish("old.a", "m".getBytes(StandardCharsets.UTF_8));
        connection.close();
        server.close();
        var meta = new StateFile(storeDir.resolve("jetstream/$G/streams/OLD/meta.state"));
        var json = (ObjectNode) Json.MAPPER.readTree(meta.read().orElseThrow());
        ((ObjectNode) json.get("config")).put("sealed", true);
        meta.write(Json.MAPPER.writeValueAsBytes(json));

        server = JetStreamServer.start(storeDir);
        connection = Nats.connect(server.url());
        jsm = connection.jetStreamManagement();

        assertThat(jsm.getStreamInfo("OLD").getConfiguration().getMaxAge()).isEqualTo(Duration.ZERO);
        await().during(MAX_AGE.multipliedBy(3))
                .atMost(MAX_AGE.multipliedBy(5))
                .until(() -> jsm.getStreamInfo("OLD").getStreamState().getMsgCount() == 1);
    }

    private static void assertError(JsonNode response, String description) {
        assertThat(response.path("error").path("code").asInt())
                .as(response.toString())
                .isEqualTo(500);
        assertThat(response.path("error").path("err_code").asInt()).isEqualTo(10052);
        assertThat(response.path("error").path("description").asText()).isEqualTo(description);
    }

    private JsonNode request(String subject, String body) throws Exception {
        var reply = connection.request(subject, body.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5));
        return Json.MAPPER.readTree(reply.getData());
    }

    private void restart() throws Exception {
        connection.close();
        server.close();
        server = JetStreamServer.start(storeDir);
        connection = Nats.connect(server.url());
        jsm = connection.jetStreamManagement();
    }
}
