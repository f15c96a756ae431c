package io.junction.jetstream.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airlift.compress.snappy.SnappyFramedOutputStream;
import io.junction.jetstream.api.Json;
import io.junction.jetstream.store.DirectoryNames;
import io.junction.jetstream.store.StateFile;
import io.junction.jetstream.store.StoreSnapshot;
import io.junction.jetstream.store.StreamState;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Junction's stream snapshot archive: the stream's directory as Junction keeps it on disk, in a tar, compressed in
 * Snappy's framing format (which S2 readers also read). It is not nats-server's archive, an S2 tar of nats-server's
 * own file store, and neither server restores the other's.
 *
 * <h2>Layout</h2>
 * <pre>
 * meta.state                      the stream's configuration and creation time, as a state file
 * msgs/0000000001.seg ...         the file store's segments as they were at the cut
 * obs/&lt;consumer&gt;/meta.state      each durable consumer's configuration and creation time
 * obs/&lt;consumer&gt;/consumer.state  its delivery state: cursor, ack floor, pending acks, redeliveries
 * snapshot.json                   last: the format, the stream's name and state at the cut, the consumers, and the
 *                                 size and CRC32C of every file before it
 * </pre>
 * The files are those of the on-disk layout byte for byte, so a restore places them and opens the stream as a start
 * of the server would; {@code snapshot.json} lets it refuse an archive that was cut short or changed, which the
 * file store's own recovery would otherwise repair without a word.
 */
public final class SnapshotArchive {
    static final String FORMAT = "junction-stream-snapshot";
    static final int VERSION = 1;
    static final String META = "meta.state";
    static final String MESSAGES = "msgs/";
    static final String CONSUMERS = "obs/";
    static final String CONSUMER_META = "meta.state";
    static final String CONSUMER_STATE = "consumer.state";
    static final String TRAILER = "snapshot.json";

    private SnapshotArchive() {}

    /**
     * What a snapshot holds, all taken at one cut.
     *
     * @param meta the stream's {@code meta.state} content (JSON: config and created)
     */
    public record Contents(String stream, byte[] meta, StoreSnapshot store, List<ConsumerFiles> consumers) {}

    /** A durable consumer's two state files' content (JSON). */
    public record ConsumerFiles(String name, byte[] meta, byte[] state) {}

    /** Writes the compressed archive; closes nothing but the compression it adds. */
    public static void write(OutputStream out, Contents contents) throws IOException {
        var compressed = new SnappyFramedOutputStream(new NonClosing(out));
        var tar = new TarWriter(compressed, Instant.now().getEpochSecond());
        var files = Json.MAPPER.createArrayNode();
        add(tar, files, META, StateFile.encode(contents.meta()));
        for (var segment : contents.store().segments()) {
            var crc = new CRC32C();
            tar.file(
                    MESSAGES + segment.name(),
                    segment.length(),
                    stream -> segment.writeTo(new Checksummed(stream, crc)));
            addFile(files, MESSAGES + segment.name(), segment.length(), crc);
        }
        var consumers = Json.MAPPER.createArrayNode();
        for (var consumer : contents.consumers()) {
            var directory = CONSUMERS + DirectoryNames.of(consumer.name()) + "/";
            add(tar, files, directory + CONSUMER_META, StateFile.encode(consumer.meta()));
            add(tar, files, directory + CONSUMER_STATE, StateFile.encode(consumer.state()));
            consumers.add(consumer.name());
        }
        var trailer = Json.object();
        trailer.put("format", FORMAT);
        trailer.put("version", VERSION);
        trailer.put("stream", contents.stream());
        trailer.set("state", writeState(contents.store().state()));
        trailer.set("consumers", consumers);
        trailer.set("files", files);
        tar.file(TRAILER, Json.bytes(trailer));
        tar.finish();
        compressed.close();
    }

    private static void add(TarWriter tar, ArrayNode files, String name, byte[] bytes) throws IOException {
        tar.file(name, bytes);
        var crc = new CRC32C();
        crc.update(bytes);
        addFile(files, name, bytes.length, crc);
    }

    private static void addFile(ArrayNode files, String name, long size, CRC32C crc) {
        var file = files.addObject();
        file.put("name", name);
        file.put("size", size);
        file.put("crc32c", crc.getValue());
    }

    static ObjectNode writeState(StreamState state) {
        var json = Json.object();
        json.put("messages", state.messages());
        json.put("bytes", state.bytes());
        json.put("first_seq", state.firstSeq());
        json.put("first_ts_nanos", state.firstTimestampNanos());
        json.put("last_seq", state.lastSeq());
        json.put("last_ts_nanos", state.lastTimestampNanos());
        json.put("num_subjects", state.numSubjects());
        json.put("num_deleted", state.numDeleted());

        return json;
    }

    static StreamState readState(JsonNode json) {
        return new StreamState(
                json.path("messages").asLong(-1),
                json.path("bytes").asLong(-1),
                json.path("first_seq").asLong(-1),
                json.path("first_ts_nanos").asLong(-1),
                json.path("last_seq").asLong(-1),
                json.path("last_ts_nanos").asLong(-1),
                json.path("num_subjects").asLong(-1),
                json.path("num_deleted").asLong(-1));
    }

    /** Counts a file's bytes into its CRC as they pass. */
    private static final class Checksummed extends OutputStream {
        private final OutputStream out;
        private final CRC32C crc;

        Checksummed(OutputStream out, CRC32C crc) {
            this.out = out;
            this.crc = crc;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            crc.update(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
            crc.update(bytes, offset, length);
        }
    }

    /** Lets the compression end its stream without closing the caller's. */
    private static final class NonClosing extends FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
