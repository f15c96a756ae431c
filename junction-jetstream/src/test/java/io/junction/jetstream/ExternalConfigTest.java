package io.junction.jetstream;

import static io.junction.jetstream.ExternalSourcesTest.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Connection;
import io.nats.client.Nats;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** nats-server 2.10's checks of the {@code external} prefixes, with its codes and texts. */
class ExternalConfigTest {
    @TempDir
    Path storeDir;

    private JetStreamServer server;
    private Connection connection;

    @BeforeEach
    void start() throws Exception {
        server = JetStreamServer.inDomain(storeDir, "hub");
        connection = Nats.connect(server.url());
    }

    @AfterEach
    void stop() throws Exception {
        connection.close();
        server.close();
    }

    @Test
    void refusesThisJetStreamsOwnApiPrefixForAMirrorAndASource() throws Exception {
        assertError(
                "{\"name\":\"M\",\"mirror\":{\"name\":\"O\",\"external\":{\"api\":\"$JS.API\"}}}",
                400,
                10021,
                "stream external api prefix $JS.API must not overlap with $JS.API");
        assertError(
                "{\"name\":\"M\",\"sources\":[{\"name\":\"O\",\"external\":{\"api\":\"$JS.API.>\"}}]}",
                500,
                10052,
                "stream external api prefix \"$JS.API.>\" must be a valid subject without wildcards");
        assertError(
                "{\"name\":\"M\",\"sources\":[{\"name\":\"O\",\"external\":{\"api\":\"$JS.*\"}}]}",
                500,
                10052,
                "stream external api prefix \"$JS.*\" must be a valid subject without wildcards");
    }

    @Test
    void refusesADeliverPrefixWithWildcardsBeforeLookingAtTheApiPrefix() throws Exception {
        assertError(
                "{\"name\":\"M\",\"mirror\":{\"name\":\"O\",\"external\":{\"api\":\"$JS.API\",\"deliver\":\"d.*\"}}}",
                400,
                10024,
                "stream external delivery prefix d.* must not contain wildcards");
    }

    @Test
    void refusesADeliverPrefixOverlappingTheSubjectsOfALocalOrigin() throws Exception {
        // Subjects that overlap $JS.API.> need no_ack, as in nats-server.
        var wide = request(
                connection, "$JS.API.STREAM.CREATE.WIDE", "{\"name\":\"WIDE\",\"subjects\":[\"*.>\"],\"no_ack\":true}");
        assertThat(wide.has("error")).isFalse();

        assertError(
                "{\"name\":\"M\",\"subjects\":[\"m\"],\"sources\":[{\"name\":\"WIDE\"},"
                        + "{\"name\":\"O\",\"external\":{\"api\":\"$JS.leaf.API\",\"deliver\":\"dlv\"}}]}",
                400,
                10022,
                "stream external delivery prefix dlv overlaps with stream subject *.>");
    }

    @Test
    void tellsALocalAndAnExternalSourceOfOneNameApart() throws Exception {
        var reply = request(
                connection,
                "$JS.API.STREAM.CREATE.M",
                "{\"name\":\"M\",\"subjects\":[\"m\"],\"sources\":[{\"name\":\"O\"},"
                        + "{\"name\":\"O\",\"external\":{\"api\":\"$JS.leaf.API\"}}]}");
        var duplicate = request(
                connection,
                "$JS.API.STREAM.CREATE.N",
                "{\"name\":\"N\",\"subjects\":[\"n\"],\"sources\":["
                        + "{\"name\":\"O\",\"external\":{\"api\":\"$JS.x.API\"}},"
                        + "{\"name\":\"O\",\"external\":{\"api\":\"$JS.x.API\"}}]}");

        assertThat(reply.has("error")).isFalse();
        assertThat(duplicate.path("error").path("err_code").asInt()).isEqualTo(10140);
    }

    private void assertError(String config, int code, int errCode, String description) throws Exception {
        var reply = request(connection, "$JS.API.STREAM.CREATE.M", config);

        assertThat(reply.path("error").path("code").asInt()).isEqualTo(code);
        assertThat(reply.path("error").path("err_code").asInt()).isEqualTo(errCode);
        assertThat(reply.path("error").path("description").asText()).isEqualTo(description);
    }
}
