package io.junction.jetstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Snapshot and restore requests that fail: each answered with nats-server's code and text, and a restore of an
 * archive that is not whole leaves no stream and no files behind.
 */
class SnapshotErrorsTest extends LiveJetStreamTest {
    private SnapshotClient client;

    @BeforeEach
    void start() throws Exception {
        client = new SnapshotClient(connection);
        var jsm = connection.jetStreamManagement();
        jsm.addStream(StreamConfiguration.builder()
                .name("ORDERS")
                .subjects("orders.>")
                .build());
        for (var i = 0; i < 20; i++) {
            connection.jetStream().publish("orders.new", ("order " + i).getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void refusesSnapshotsOfWhatCannotBeSnapshotted() throws Exception {
        connection
                .jetStreamManagement()
                .addStream(StreamConfiguration.builder()
                        .name("MEM")
                        .storageType(StorageType.Memory)
                        .build());

        assertError(
                client.request("$JS.API.STREAM.SNAPSHOT.NOPE", "{\"deliver_subject\":\"x\"}"),
                404,
                10059,
                "stream not found");
        assertError(client.request("$JS.API.STREAM.SNAPSHOT.ORDERS", ""), 400, 10003, "bad request");
        assertError(client.request("$JS.API.STREAM.SNAPSHOT.ORDERS", "{}"), 400, 10003, "bad request");
        assertError(
                client.request("$JS.API.STREAM.SNAPSHOT.ORDERS", "{\"deliver_subject\":"), 400, 10025, "invalid JSON");
        assertError(
                client.request("$JS.API.STREAM.SNAPSHOT.ORDERS", "{\"no_consumers\":true}"),
                400,
                10015,
                "deliver subject not valid");
        assertError(
                client.request("$JS.API.STREAM.SNAPSHOT.ORDERS", "{\"deliver_subject\":\"in.*\"}"),
                400,
                10015,
                "deliver subject not valid");
        assertError(
                client.request("$JS.API.STREAM.SNAPSHOT.MEM", "{\"deliver_subject\":\"x\"}"),
                500,
                10064,
                "snapshot failed: no impl");
    }

    @Test
    void refusesARestoreOntoAStreamThatExists() throws Exception {
        var backup = client.snapshot("ORDERS", "{}");

        var restored = client.restore("ORDERS", backup.restoreRequest(), backup.archive());

        assertError(restored, 400, 10130, "stream name already in use, cannot restore");
        assertThat(connection
                        .jetStreamManagement()
                        .getStreamInfo("ORDERS")
                        .getStreamState()
                        .getMsgCount())
                .isEqualTo(20);
    }

    @Test
    void refusesRestoreRequestsThatCannotStart() throws Exception {
        var backup = client.snapshot("ORDERS", "{}");
        connection.jetStreamManagement().deleteStream("ORDERS");

        assertError(client.request("$JS.API.STREAM.RESTORE.ORDERS", ""), 400, 10003, "bad request");
        assertError(client.request("$JS.API.STREAM.RESTORE.ORDERS", "{\"config\":"), 400, 10025, "invalid JSON");
        assertError(
                client.request(
                        "$JS.API.STREAM.RESTORE.OTHER", backup.restoreRequest().toString()),
                400,
                10056,
                "stream name in subject does not match request");
        assertError(
                client.request("$JS.API.STREAM.RESTORE.MEM", "{\"config\":{\"name\":\"MEM\",\"storage\":\"memory\"}}"),
                500,
                10062,
                "restore failed: memory streams do not support snapshots");
        assertThat(connection.jetStreamManagement().getStreamNames()).isEmpty();
    }

    @Test
    void refusesGarbageAndLeavesNothingBehind() throws Exception {
        var backup = client.snapshot("ORDERS", "{}");
        connection.jetStreamManagement().deleteStream("ORDERS");
        var garbage = new byte[100_000];
        new java.util.Random(3).nextBytes(garbage);

        var restored = client.restore("ORDERS", backup.restoreRequest(), garbage);

        assertError(restored, 500, 10062, "restore failed: the archive is corrupt: ");
        assertNothingLeft();
    }

    @Test
    void refusesATruncatedArchiveAndLeavesNothingBehind() throws Exception {
        var backup = client.snapshot("ORDERS", "{}");
        connection.jetStreamManagement().deleteStream("ORDERS");
        var archive = backup.archive();

        var restored = client.restore("ORDERS", backup.restoreRequest(), Arrays.copyOf(archive, archive.length / 2));

        assertError(restored, 500, 10062, "restore failed: the archive is truncated");
        assertNothingLeft();
    }

    @Test
    void refusesBytesAppendedToAWholeArchive() throws Exception {
        var backup = client.snapshot("ORDERS", "{}");
        connection.jetStreamManagement().deleteStream("ORDERS");
        var archive = backup.archive();
        var appended = Arrays.copyOf(archive, archive.length + 7);
        System.arraycopy(
                "garbage".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, appended, archive.length, 7);

        var restored = client.restore("ORDERS", backup.restoreRequest(), appended);

        assertThat(restored.path("error").path("err_code").asInt())
                .as(restored.toString())
                .isEqualTo(10062);
        assertNothingLeft();
    }

    @Test
    void refusesADamagedArchive() throws Exception {
        var backup = client.snapshot("ORDERS", "{}");
        connection.jetStreamManagement().deleteStream("ORDERS");
        var archive = backup.archive().clone();
        archive[archive.length / 2] ^= 0x40;

        var restored = client.restore("ORDERS", backup.restoreRequest(), archive);

        assertError(restored, 500, 10062, "restore failed: the archive is corrupt: ");
        assertNothingLeft();
    }

    @Test
    void saysSoWhenGivenANatsServerArchive() throws Exception {
        var backup = client.snapshot("ORDERS", "{}");
        connection.jetStreamManagement().deleteStream("ORDERS");
        var natsServerArchive = new byte[64];
        var magic = "\u00ff\u0006\u0000\u0000S2sTwO".getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(magic, 0, natsServerArchive, 0, magic.length);

        var restored = client.restore("ORDERS", backup.restoreRequest(), natsServerArchive);

        assertError(
                restored,
                500,
                10062,
                "restore failed: the archive is a nats-server snapshot, which Junction cannot read");
        assertNothingLeft();
    }

    @Test
    void abandonsARestoreWhoseUploadStalls() throws Exception {
        var backup = client.snapshot("ORDERS", "{}");
        connection.jetStreamManagement().deleteStream("ORDERS");
        var response = client.request(
                "$JS.API.STREAM.RESTORE.ORDERS", backup.restoreRequest().toString());
        var deliverSubject = response.path("deliver_subject").asText();
        connection.request(deliverSubject, Arrays.copyOf(backup.archive(), 100), Duration.ofSeconds(2));

        await().atMost(Duration.ofSeconds(12))
                .untilAsserted(() -> assertThat(restoreFiles()).isEmpty());
        assertThat(server.jetStream().streams().size()).isZero();
        assertThat(connection.request(deliverSubject, new byte[0], Duration.ofSeconds(1)))
                .as("nobody listens on the deliver subject of an abandoned restore")
                .isNull();
    }

    private void assertNothingLeft() throws Exception {
        assertThat(connection.jetStreamManagement().getStreamNames()).isEmpty();
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(restoreFiles()).isEmpty());
        assertThat(Files.exists(storeDir.resolve("jetstream/$G/streams/ORDERS")))
                .isFalse();
    }

    private java.util.List<Path> restoreFiles() throws IOException {
        var directory = storeDir.resolve("jetstream/$G/__snapshots__");
        if (!Files.exists(directory)) {
            return java.util.List.of();
        }
        try (var files = Files.list(directory)) {
            return files.toList();
        }
    }

    private static void assertError(JsonNode response, int code, int errCode, String description) {
        var error = response.path("error");
        assertThat(error.path("code").asInt()).as(response.toString()).isEqualTo(code);
        assertThat(error.path("err_code").asInt()).as(response.toString()).isEqualTo(errCode);
        assertThat(error.path("description").asText()).as(response.toString()).startsWith(description);
    }
}
