package io.junction.jetstream;

import static io.junction.jetstream.MirrorTest.awaitLastSequence;
import static io.junction.jetstream.MirrorTest.publish;
import static io.junction.jetstream.SourcesTest.sourceHeaders;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.External;
import io.nats.client.api.Mirror;
import io.nats.client.api.Source;
import io.nats.client.api.StreamConfiguration;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mirrors and sources with {@code external}: an API prefix of this server's domain names its own JetStream and is
 * copied from here; any other is accepted and, as nats-server does with a JetStream that never answers, never
 * active.
 */
class ExternalSourcesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final External HUB = External.builder().api("$JS.hub.API").build();
    private static final External LEAF =
            External.builder().api("$JS.leaf.API").deliver("deliver.leaf").build();

    @TempDir
    Path storeDir;

    @TempDir
    Path saved;

    @Test
    void mirrorAndSourceThroughThisServersDomainCopyLocally() throws Exception {
        try (var server = JetStreamServer.inDomain(storeDir, "hub");
                var connection = Nats.connect(server.url())) {
            var jsm = connection.jetStreamManagement();
            addOrigin(jsm);
            publish(connection, "orders.a", 1, 3);

            jsm.addStream(StreamConfiguration.builder()
                    .name("M")
                    .mirror(Mirror.builder().sourceName("ORDERS").external(HUB).build())
                    .build());
            jsm.addStream(StreamConfiguration.builder()
                    .name("S")
                    .subjects("s")
                    .sources(Source.builder().sourceName("ORDERS").external(HUB).build())
                    .build());
            awaitLastSequence(jsm, "M", 3);
            awaitLastSequence(jsm, "S", 3);
            publish(connection, "orders.a", 4, 4);
            awaitLastSequence(jsm, "M", 4);
            awaitLastSequence(jsm, "S", 4);

            assertThat(jsm.getMessage("M", 4).getData()).containsExactly((byte) 4);
            // nats-server tells an external origin apart by eight characters of its API prefix's SHA-256.
            assertThat(sourceHeaders(jsm, "S", 4))
                    .containsExactly(
                            "ORDERS:bTMUkJQk 1 > >",
                            "ORDERS:bTMUkJQk 2 > >",
                            "ORDERS:bTMUkJQk 3 > >",
                            "ORDERS:bTMUkJQk 4 > >");
            var mirror = jsm.getStreamInfo("M").getMirrorInfo();
            assertThat(mirror.getExternal().getApi()).isEqualTo("$JS.hub.API");
            assertThat(mirror.getLag()).isZero();
            assertThat(mirror.getActive()).isGreaterThanOrEqualTo(Duration.ZERO);
        }
    }

    @Test
    void externalSourceResumesAfterARestartFromItsHeader() throws Exception {
        try (var server = JetStreamServer.inDomain(storeDir, "hub");
                var connection = Nats.connect(server.url())) {
            var jsm = connection.jetStreamManagement();
            addOrigin(jsm);
            publish(connection, "orders.a", 1, 2);
            jsm.addStream(StreamConfiguration.builder()
                    .name("S")
                    .subjects("s")
                    .sources(Source.builder().sourceName("ORDERS").external(HUB).build())
                    .build());
            awaitLastSequence(jsm, "S", 2);
        }
        try (var server = JetStreamServer.inDomain(storeDir, "hub");
                var connection = Nats.connect(server.url())) {
            var jsm = connection.jetStreamManagement();
            publish(connection, "orders.a", 3, 3);

            awaitLastSequence(jsm, "S", 3);
            Thread.sleep(1200);

            assertThat(jsm.getStreamInfo("S").getStreamState().getMsgCount()).isEqualTo(3);
            assertThat(jsm.getMessage("S", 3).getData()).containsExactly((byte) 3);
        }
    }

    @Test
    void anotherPrefixIsAcceptedEchoedAndNeverActive() throws Exception {
        try (var server = JetStreamServer.inDomain(storeDir, "hub");
                var connection = Nats.connect(server.url())) {
            var jsm = connection.jetStreamManagement();
            addOrigin(jsm);
            publish(connection, "orders.a", 1, 3);

            jsm.addStream(StreamConfiguration.builder()
                    .name("M")
                    .mirror(Mirror.builder().sourceName("ORDERS").external(LEAF).build())
                    .build());
            jsm.addStream(StreamConfiguration.builder()
                    .name("S")
                    .subjects("s")
                    .sources(
                            Source.builder().sourceName("ORDERS").external(LEAF).build())
                    .build());
            // Longer than the writer's one-second look at its origins.
            Thread.sleep(1500);
            var mirror = info(connection, "M");
            var source = info(connection, "S").path("sources").get(0);

            assertThat(jsm.getStreamInfo("M").getStreamState().getMsgCount()).isZero();
            assertThat(jsm.getStreamInfo("S").getStreamState().getMsgCount()).isZero();
            assertThat(mirror.path("config").path("mirror").path("external").toString())
                    .isEqualTo("{\"api\":\"$JS.leaf.API\",\"deliver\":\"deliver.leaf\"}");
            assertThat(mirror.path("mirror").toString())
                    .isEqualTo("{\"name\":\"ORDERS\",\"external\":{\"api\":\"$JS.leaf.API\",\"deliver\":"
                            + "\"deliver.leaf\"},\"lag\":0,\"active\":-1}");
            assertThat(source.path("external").path("api").asText()).isEqualTo("$JS.leaf.API");
            assertThat(source.path("active").asLong()).isEqualTo(-1);
            assertThat(source.has("error")).isFalse();
        }
    }

    @Test
    void thisServersOwnPrefixNamesNothingWithoutADomain() throws Exception {
        try (var server = JetStreamServer.start(storeDir);
                var connection = Nats.connect(server.url())) {
            var jsm = connection.jetStreamManagement();
            addOrigin(jsm);
            publish(connection, "orders.a", 1, 1);

            jsm.addStream(StreamConfiguration.builder()
                    .name("M")
                    .mirror(Mirror.builder().sourceName("ORDERS").external(HUB).build())
                    .build());
            Thread.sleep(1500);

            assertThat(jsm.getStreamInfo("M").getStreamState().getMsgCount()).isZero();
            assertThat(info(connection, "M").path("mirror").path("active").asLong())
                    .isEqualTo(-1);
        }
    }

    @Test
    void externalMirrorOfAnInvalidNameIsAcceptedAsNatsServerLeavesItToTheOtherSide() throws Exception {
        try (var server = JetStreamServer.inDomain(storeDir, "hub");
                var connection = Nats.connect(server.url())) {
            var reply = request(
                    connection,
                    "$JS.API.STREAM.CREATE.M",
                    "{\"name\":\"M\",\"mirror\":{\"name\":\"a.b\",\"external\":{\"api\":\"$JS.leaf.API\"}}}");

            assertThat(reply.has("error")).isFalse();
            assertThat(reply.path("config")
                            .path("mirror")
                            .path("external")
                            .path("deliver")
                            .asText())
                    .isEmpty();
        }
    }

    private static void addOrigin(JetStreamManagement jsm) throws Exception {
        jsm.addStream(StreamConfiguration.builder()
                .name("ORDERS")
                .subjects("orders.>")
                .build());
    }

    static JsonNode info(Connection connection, String stream) throws Exception {
        return request(connection, "$JS.API.STREAM.INFO." + stream, "");
    }

    static JsonNode request(Connection connection, String subject, String body) throws Exception {
        var reply = connection.request(subject, body.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5));
        return JSON.readTree(reply.getData());
    }
}
