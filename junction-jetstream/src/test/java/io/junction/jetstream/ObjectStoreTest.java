package io.junction.jetstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.nats.client.JetStreamApiException;
import io.nats.client.ObjectStore;
import io.nats.client.api.ObjectInfo;
import io.nats.client.api.ObjectMeta;
import io.nats.client.api.ObjectStoreConfiguration;
import io.nats.client.api.ObjectStoreWatchOption;
import io.nats.client.api.ObjectStoreWatcher;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamInfoOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Object store buckets through the official Java client: chunks, digests, metadata, links and watches. */
class ObjectStoreTest extends LiveJetStreamTest {
    private static final int CHUNK_SIZE = 128 * 1024;

    private ObjectStore files;

    @BeforeEach
    void start() throws Exception {
        connection
                .objectStoreManagement()
                .create(ObjectStoreConfiguration.builder("files")
                        .description("test files")
                        .storageType(StorageType.File)
                        .build());
        files = connection.objectStore("files");
    }

    @Test
    void putsAndGetsASmallObjectInOneChunk() throws Exception {
        var info = files.put(
                ObjectMeta.builder("notes/readme.txt").description("a note").build(),
                new ByteArrayInputStream(bytes("hello objects")));

        assertThat(info.getSize()).isEqualTo(13);
        assertThat(info.getChunks()).isEqualTo(1);
        assertThat(info.getDigest()).isEqualTo(digest(bytes("hello objects")));
        assertThat(text(get("notes/readme.txt"))).isEqualTo("hello objects");
        assertThat(files.getInfo("notes/readme.txt").getDescription()).isEqualTo("a note");
    }

    @Test
    void splitsALargeObjectIntoChunksAndReassemblesItWithItsDigest() throws Exception {
        var data = new byte[3 * CHUNK_SIZE + 12_345];
        new Random(42).nextBytes(data);

        var info = files.put(
                ObjectMeta.builder("data/big.bin").chunkSize(CHUNK_SIZE).build(), new ByteArrayInputStream(data));

        assertThat(info.getChunks()).isEqualTo(4);
        assertThat(info.getSize()).isEqualTo(data.length);
        assertThat(info.getDigest()).isEqualTo(digest(data));
        assertThat(chunkMessages(info.getNuid())).isEqualTo(4);
        assertThat(get("data/big.bin")).isEqualTo(data);
    }

    @Test
    void replacesAnObjectAndPurgesTheOldChunks() throws Exception {
        var first = files.put("doc", bytes("version 1"));

        var second = files.put("doc", bytes("version 2, longer"));

        assertThat(second.getNuid()).isNotEqualTo(first.getNuid());
        assertThat(text(get("doc"))).isEqualTo("version 2, longer");
        assertThat(chunkMessages(first.getNuid())).isZero();
        assertThat(files.getList()).extracting(ObjectInfo::getObjectName).containsExactly("doc");
    }

    @Test
    void deletesAnObjectLeavingADeletedMarkerAndNoChunks() throws Exception {
        var info = files.put("gone", bytes("soon gone"));
        files.put("kept", bytes("still here"));

        files.delete("gone");

        assertThat(files.getInfo("gone")).isNull();
        assertThat(files.getInfo("gone", true).isDeleted()).isTrue();
        assertThat(chunkMessages(info.getNuid())).isZero();
        assertThat(files.getList()).extracting(ObjectInfo::getObjectName).containsExactly("kept");
        assertThatThrownBy(() -> get("gone")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void followsLinksToObjectsAndNamesLinkedBuckets() throws Exception {
        connection
                .objectStoreManagement()
                .create(ObjectStoreConfiguration.builder("other").build());
        var target = files.put("target.bin", bytes("linked bytes"));

        var objectLink = files.addLink("alias.bin", target);
        var bucketLink = files.addBucketLink("to-other", connection.objectStore("other"));

        assertThat(objectLink.isLink()).isTrue();
        assertThat(objectLink.getLink().getObjectName()).isEqualTo("target.bin");
        assertThat(text(get("alias.bin"))).isEqualTo("linked bytes");
        assertThat(bucketLink.getLink().isBucketLink()).isTrue();
        assertThat(files.getInfo("to-other").getLink().getBucket()).isEqualTo("other");
        assertThat(files.getList())
                .extracting(ObjectInfo::getObjectName)
                .containsExactlyInAnyOrder("target.bin", "alias.bin", "to-other");
    }

    @Test
    void renamesAndRedescribesAnObjectThroughItsMeta() throws Exception {
        files.put("draft", bytes("text"));

        files.updateMeta(
                "draft", ObjectMeta.builder("final").description("done").build());

        assertThat(files.getInfo("draft")).isNull();
        assertThat(files.getInfo("final").getDescription()).isEqualTo("done");
        assertThat(text(get("final"))).isEqualTo("text");
    }

    @Test
    void watchesCurrentObjectsThenChanges() throws Exception {
        files.put("a", bytes("1"));
        files.put("b", bytes("2"));
        var seen = new CopyOnWriteArrayList<String>();
        var endOfData = new AtomicBoolean();

        try (var watch = files.watch(new ObjectStoreWatcher() {
            @Override
            public void watch(ObjectInfo info) {
                seen.add(info.getObjectName() + (info.isDeleted() ? " deleted" : ""));
            }

            @Override
            public void endOfData() {
                seen.add("end");
                endOfData.set(true);
            }
        })) {
            await().untilTrue(endOfData);
            files.put("c", bytes("3"));
            files.delete("a");
            await().until(() -> seen.size() == 5);
        }

        assertThat(seen).containsExactly("a", "b", "end", "c", "a deleted");
    }

    @Test
    void watchesOnlyUpdatesWhenAsked() throws Exception {
        files.put("before", bytes("1"));
        var seen = new CopyOnWriteArrayList<String>();

        try (var watch = files.watch(
                new ObjectStoreWatcher() {
                    @Override
                    public void watch(ObjectInfo info) {
                        seen.add(info.getObjectName());
                    }

                    @Override
                    public void endOfData() {}
                },
                ObjectStoreWatchOption.UPDATES_ONLY)) {
            files.put("after", bytes("2"));
            await().until(() -> !seen.isEmpty());
        }

        assertThat(seen).containsExactly("after");
    }

    @Test
    void refusesPutsIntoASealedBucket() throws Exception {
        files.put("kept", bytes("1"));

        var status = files.seal();

        assertThat(status.isSealed()).isTrue();
        assertThatThrownBy(() -> files.put("more", bytes("2"))).isInstanceOf(JetStreamApiException.class);
        assertThat(text(get("kept"))).isEqualTo("1");
    }

    @Test
    void reportsListsAndDeletesBuckets() throws Exception {
        var management = connection.objectStoreManagement();
        files.put("x", new byte[1000]);

        var status = management.getStatus("files");

        assertThat(status.getDescription()).isEqualTo("test files");
        assertThat(status.getBackingStore()).isEqualTo("JetStream");
        assertThat(status.getSize()).isGreaterThan(1000);
        assertThat(management.getBucketNames()).containsExactly("files");
        management.delete("files");
        assertThat(management.getBucketNames()).isEqualTo(List.of());
        assertThat(connection.jetStreamManagement().getStreamNames()).doesNotContain("OBJ_files");
    }

    private byte[] get(String name) throws Exception {
        var out = new ByteArrayOutputStream();
        files.get(name, out);
        return out.toByteArray();
    }

    private long chunkMessages(String nuid) throws Exception {
        var subject = "$O.files.C." + nuid;
        var info =
                connection.jetStreamManagement().getStreamInfo("OBJ_files", StreamInfoOptions.filterSubjects(subject));
        var counts = info.getStreamState().getSubjectMap();
        return counts.getOrDefault(subject, 0L);
    }

    private static String digest(byte[] data) throws Exception {
        var sha = MessageDigest.getInstance("SHA-256").digest(data);
        return "SHA-256=" + Base64.getUrlEncoder().encodeToString(sha);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
