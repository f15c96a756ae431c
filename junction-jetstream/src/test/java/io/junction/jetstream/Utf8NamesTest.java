package io.junction.jetstream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.StreamConfiguration;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stream and consumer names as nats-server 2.9.10 takes them: anything but space, tab, CR, LF, form feed, {@code .},
 * {@code *}, {@code >} and path separators, UTF-8 included, kept in directories whose names do not depend on the
 * locale and found again after a restart.
 */
class Utf8NamesTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path storeDir;

    @Test
    void streamsAndConsumersNamedInUtf8SurviveARestart() throws Exception {
        // the Java client refuses names that are not printable ASCII, so the API is asked directly
        try (var server = JetStreamServer.start(storeDir);
                var connection = Nats.connect(server.url())) {
            api(connection, "$JS.API.STREAM.CREATE.ördërs", create("ördërs", "orders.>"));
            api(connection, "$JS.API.CONSUMER.CREATE.ördërs.dür", durable("ördërs", "dür"));
            for (var i = 0; i < 3; i++) {
                var ack = connection.jetStream().publish("orders.new", new byte[] {(byte) i});
                assertThat(ack.getStream()).isEqualTo("ördërs");
            }
            // a pulled message arrives under its own subject, which a request's reply matching does not expect
            var inbox = connection.subscribe("pulled");
            connection.publish("$JS.API.CONSUMER.MSG.NEXT.ördërs.dür", "pulled", new byte[0]);
            var next = inbox.nextMessage(WAIT);
            connection.request(next.getReplyTo(), "+ACK".getBytes(StandardCharsets.UTF_8), WAIT);

            assertThat(connection.jetStreamManagement().getStreamNames()).containsExactly("ördërs");
            assertThat(api(connection, "$JS.API.CONSUMER.NAMES.ördërs", "").path("consumers"))
                    .extracting(JsonNode::asText)
                    .containsExactly("dür");
        }

        try (var server = JetStreamServer.start(storeDir);
                var connection = Nats.connect(server.url())) {
            var stream = api(connection, "$JS.API.STREAM.INFO.ördërs", "");
            var consumer = api(connection, "$JS.API.CONSUMER.INFO.ördërs.dür", "");
            var deleted = api(connection, "$JS.API.STREAM.DELETE.ördërs", "");

            assertThat(stream.path("config").path("name").asText()).isEqualTo("ördërs");
            assertThat(stream.path("state").path("messages").asLong()).isEqualTo(3);
            assertThat(consumer.path("name").asText()).isEqualTo("dür");
            assertThat(consumer.path("config").path("durable_name").asText()).isEqualTo("dür");
            assertThat(consumer.path("num_pending").asLong()).isEqualTo(2);
            assertThat(deleted.path("success").asBoolean()).isTrue();
            assertThat(streamDirectories()).isEmpty();
        }
    }

    @Test
    void keepsAsciiNamesAsDirectoryNamesAndEscapesTheBytesOfOthers() throws Exception {
        try (var server = JetStreamServer.start(storeDir);
                var connection = Nats.connect(server.url())) {
            connection
                    .jetStreamManagement()
                    .addStream(StreamConfiguration.builder().name("ORDERS").build());
            api(connection, "$JS.API.STREAM.CREATE.ördërs", create("ördërs", "ö"));
            api(connection, "$JS.API.CONSUMER.CREATE.ördërs.dür", durable("ördërs", "dür"));

            assertThat(streamDirectories()).containsExactlyInAnyOrder("ORDERS", "utf8-.c3.b6rd.c3.abrs");
            assertThat(Files.isDirectory(streams().resolve("utf8-.c3.b6rd.c3.abrs/obs/utf8-d.c3.bcr")))
                    .isTrue();
        }
    }

    @Test
    void advisoriesNameStreamsAndConsumersInTheirSubjectsAndJson() throws Exception {
        try (var server = JetStreamServer.start(storeDir);
                var connection = Nats.connect(new Options.Builder()
                        .server(server.url())
                        .supportUTF8Subjects()
                        .build())) {
            var streams = connection.subscribe("$JS.EVENT.ADVISORY.STREAM.CREATED.>");
            var consumers = connection.subscribe("$JS.EVENT.ADVISORY.CONSUMER.CREATED.>");
            connection.flush(WAIT);

            api(connection, "$JS.API.STREAM.CREATE.ördërs", create("ördërs", "ö"));
            api(connection, "$JS.API.CONSUMER.CREATE.ördërs.dür", durable("ördërs", "dür"));

            var stream = streams.nextMessage(WAIT);
            var consumer = consumers.nextMessage(WAIT);
            assertThat(stream.getSubject()).isEqualTo("$JS.EVENT.ADVISORY.STREAM.CREATED.ördërs");
            assertThat(JSON.readTree(stream.getData()).path("stream").asText()).isEqualTo("ördërs");
            assertThat(consumer.getSubject()).isEqualTo("$JS.EVENT.ADVISORY.CONSUMER.CREATED.ördërs.dür");
            assertThat(JSON.readTree(consumer.getData()).path("consumer").asText())
                    .isEqualTo("dür");
        }
    }

    @Test
    void aLongNameOfWideCharactersGetsADirectoryWithinTheFileSystemsLimit() throws Exception {
        var name = "订".repeat(85);
        try (var server = JetStreamServer.start(storeDir);
                var connection = Nats.connect(server.url())) {
            api(connection, "$JS.API.STREAM.CREATE." + name, create(name, "wide"));
            connection.jetStream().publish("wide", new byte[1]);

            var tooLong = api(connection, "$JS.API.STREAM.CREATE." + name + "x", create(name + "x", "wider"));

            assertThat(tooLong.path("error").path("description").asText())
                    .isEqualTo("stream name is too long, maximum allowed is 255");
            assertThat(streamDirectories()).singleElement().satisfies(directory -> {
                assertThat(directory.length()).isLessThanOrEqualTo(255);
                assertThat(directory).startsWith("utf8-.e8.ae.a2.e8.ae.a2").contains(".h");
            });
        }

        try (var server = JetStreamServer.start(storeDir);
                var connection = Nats.connect(server.url())) {
            var info = api(connection, "$JS.API.STREAM.INFO." + name, "");

            assertThat(info.path("config").path("name").asText()).isEqualTo(name);
            assertThat(info.path("state").path("messages").asLong()).isEqualTo(1);
        }
    }

    @Test
    void acceptsTheNamesNatsServerAcceptsAndRefusesTheOthers() throws Exception {
        try (var server = JetStreamServer.start(storeDir);
                var connection = Nats.connect(server.url())) {
            var verticalTab = api(connection, "$JS.API.STREAM.CREATE.x\u000by", create("x\\u000by", "vt"));
            var noBreakSpace = api(connection, "$JS.API.STREAM.CREATE.a\u00a0b", create("a\\u00a0b", "nbsp"));
            var slash = api(connection, "$JS.API.STREAM.CREATE.a/b", create("a/b", "slash"));
            var consumer = api(
                    connection,
                    "$JS.API.CONSUMER.CREATE.a\u00a0b.c\u00e9",
                    "{\"stream_name\":\"a\\u00a0b\",\"config\":{\"name\":\"c\\u00e9\"}}");

            assertThat(verticalTab.path("config").path("name").asText()).isEqualTo("x\u000by");
            assertThat(noBreakSpace.path("config").path("name").asText()).isEqualTo("a\u00a0b");
            assertThat(slash.path("error").path("err_code").asInt()).isEqualTo(10128);
            assertThat(consumer.path("name").asText()).isEqualTo("cé");
            assertThat(consumer.path("stream_name").asText()).isEqualTo("a\u00a0b");
        }
    }

    private static JsonNode api(Connection connection, String subject, String body) throws Exception {
        var reply = connection.request(subject, body.getBytes(StandardCharsets.UTF_8), WAIT);
        assertThat(reply).as("a reply to %s", subject).isNotNull();
        return JSON.readTree(reply.getData());
    }

    private static String durable(String stream, String name) {
        return "{\"stream_name\":\"" + stream + "\",\"config\":{\"durable_name\":\"" + name
                + "\",\"ack_policy\":\"explicit\"}}";
    }

    private static String create(String jsonName, String subject) {
        return "{\"name\":\"" + jsonName + "\",\"subjects\":[\"" + subject + "\"]}";
    }

    private Path streams() {
        return storeDir.resolve("jetstream").resolve("$G").resolve("streams");
    }

    private List<String> streamDirectories() throws Exception {
        try (var entries = Files.list(streams())) {
            return entries.map(path -> path.getFileName().toString()).toList();
        }
    }
}
