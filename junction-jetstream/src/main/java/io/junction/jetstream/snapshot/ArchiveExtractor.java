package io.junction.jetstream.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import io.airlift.compress.MalformedInputException;
import io.airlift.compress.snappy.SnappyFramedInputStream;
import io.junction.jetstream.api.Json;
import io.junction.jetstream.store.Directories;
import io.junction.jetstream.store.DirectoryNames;
import io.junction.jetstream.store.StreamState;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * Unpacks a {@link SnapshotArchive} into an empty directory and checks it against its {@code snapshot.json}: only
 * the files the layout allows, each once, each of the size and CRC32C the trailer gives, and nothing after it. Every
 * file is forced, then every directory. Whatever fails is an {@link ArchiveException} with the reason, and the
 * directory is left for the caller to remove.
 */
final class ArchiveExtractor {
    private static final int MAX_TRAILER = 16 * 1024 * 1024;
    private static final Pattern SEGMENT = Pattern.compile("msgs/\\d{10}\\.seg");
    private static final Pattern CONSUMER_FILE =
            Pattern.compile("obs/([^/\\\\\\x00]+)/(meta\\.state|consumer\\.state)");
    private static final byte[] S2_STREAM = "\u00ff\u0006\u0000\u0000S2sTwO".getBytes(StandardCharsets.ISO_8859_1);

    private ArchiveExtractor() {}

    /** What an archive held, as its trailer says and its files confirmed. */
    record Extracted(String stream, StreamState state, List<String> consumers) {}

    private record Written(long size, long crc) {}

    /** @throws IOException when the directory cannot be written; a bad archive is an {@link ArchiveException} */
    static Extracted extract(Path archive, Path directory) throws IOException {
        try (var raw = new BufferedInputStream(Files.newInputStream(archive))) {
            refuseNatsServerArchive(raw);
            var tar = new TarReader(new SnappyFramedInputStream(raw, true));
            var written = new HashMap<String, Written>();
            JsonNode trailer = null;
            for (var entry = tar.next(); entry != null; entry = tar.next()) {
                if (trailer != null) {
                    throw new ArchiveException("the archive holds files after " + SnapshotArchive.TRAILER);
                }
                if (entry.name().equals(SnapshotArchive.TRAILER)) {
                    trailer = readTrailer(tar.content(), entry.size());
                    continue;
                }
                checkName(entry.name());
                if (written.containsKey(entry.name())) {
                    throw new ArchiveException("the archive holds " + entry.name() + " twice");
                }
                written.put(entry.name(), write(directory.resolve(entry.name()), tar.content()));
            }
            if (trailer == null) {
                throw new ArchiveException("the archive is truncated: it has no " + SnapshotArchive.TRAILER);
            }
            tar.requireEnd();
            var consumers = check(trailer, written);
            forceDirectories(directory);

            return new Extracted(
                    trailer.path("stream").asText(), SnapshotArchive.readState(trailer.path("state")), consumers);
        } catch (EOFException e) {
            throw new ArchiveException("the archive is truncated");
        } catch (MalformedInputException e) {
            throw new ArchiveException("the archive is corrupt: " + e.getMessage());
        } catch (IOException e) {
            throw new ArchiveException("the archive is corrupt: " + e.getMessage());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** nats-server's archive is an S2 stream; say so rather than call it corrupt. */
    private static void refuseNatsServerArchive(BufferedInputStream raw) throws IOException {
        raw.mark(S2_STREAM.length);
        var start = raw.readNBytes(S2_STREAM.length);
        raw.reset();
        if (Arrays.equals(start, S2_STREAM)) {
            throw new ArchiveException("the archive is a nats-server snapshot, which Junction cannot read");
        }
    }

    private static JsonNode readTrailer(InputStream content, long size) throws IOException {
        if (size > MAX_TRAILER) {
            throw new ArchiveException(SnapshotArchive.TRAILER + " is too large");
        }
        var trailer = Json.read(content.readAllBytes());
        if (trailer == null
                || !SnapshotArchive.FORMAT.equals(trailer.path("format").asText())) {
            throw new ArchiveException("the archive is not a Junction stream snapshot");
        }
        if (trailer.path("version").asInt() != SnapshotArchive.VERSION) {
            throw new ArchiveException(
                    "the archive's format version " + trailer.path("version").asInt()
                            + " is not one this server reads (" + SnapshotArchive.VERSION + ")");
        }

        return trailer;
    }

    private static void checkName(String name) {
        if (name.equals(SnapshotArchive.META) || SEGMENT.matcher(name).matches()) {
            return;
        }
        var consumer = CONSUMER_FILE.matcher(name);
        if (consumer.matches()
                && !consumer.group(1).equals(".")
                && !consumer.group(1).equals("..")) {
            return;
        }
        throw new ArchiveException("the archive holds an unexpected file: " + name);
    }

    /** Copies a file out; a failure to write it is unchecked, so that it is not taken for a bad archive. */
    private static Written write(Path file, InputStream content) throws IOException {
        var crc = new CRC32C();
        long size = 0;
        try (var channel = create(file)) {
            var buffer = new byte[64 * 1024];
            for (var read = content.read(buffer); read >= 0; read = content.read(buffer)) {
                crc.update(buffer, 0, read);
                writeFully(channel, ByteBuffer.wrap(buffer, 0, read));
                size += read;
            }
            force(channel);
        }

        return new Written(size, crc.getValue());
    }

    private static FileChannel create(Path file) {
        try {
            Files.createDirectories(file.getParent());
            return FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeFully(FileChannel channel, ByteBuffer bytes) {
        try {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void force(FileChannel channel) {
        try {
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The files must be exactly those the trailer lists; returns the consumers, each with both its files. */
    private static List<String> check(JsonNode trailer, Map<String, Written> written) {
        var listed = new HashMap<String, Written>();
        for (var file : trailer.path("files")) {
            listed.put(
                    file.path("name").asText(),
                    new Written(file.path("size").asLong(), file.path("crc32c").asLong()));
        }
        for (var entry : listed.entrySet()) {
            var actual = written.get(entry.getKey());
            if (actual == null) {
                throw new ArchiveException("the archive lacks " + entry.getKey());
            }
            if (!actual.equals(entry.getValue())) {
                throw new ArchiveException("the archive's " + entry.getKey() + " does not match its checksum");
            }
        }
        if (listed.size() != written.size()) {
            throw new ArchiveException("the archive holds files its " + SnapshotArchive.TRAILER + " does not list");
        }
        if (!written.containsKey(SnapshotArchive.META)) {
            throw new ArchiveException("the archive has no " + SnapshotArchive.META);
        }
        if (written.keySet().stream().noneMatch(name -> SEGMENT.matcher(name).matches())) {
            throw new ArchiveException("the archive has no message segment");
        }
        var consumers = new ArrayList<String>();
        trailer.path("consumers").forEach(name -> consumers.add(name.asText()));
        var consumerFiles = written.keySet().stream()
                .filter(name -> name.startsWith(SnapshotArchive.CONSUMERS))
                .count();
        for (var name : consumers) {
            var directory = SnapshotArchive.CONSUMERS + DirectoryNames.of(name) + "/";
            if (!written.containsKey(directory + SnapshotArchive.CONSUMER_META)
                    || !written.containsKey(directory + SnapshotArchive.CONSUMER_STATE)) {
                throw new ArchiveException("the archive lacks the files of consumer " + name);
            }
        }
        if (consumerFiles != 2L * consumers.size()) {
            throw new ArchiveException("the archive holds files of consumers it does not list");
        }

        return consumers;
    }

    private static void forceDirectories(Path directory) {
        try (var walk = Files.walk(directory)) {
            for (var path : walk.filter(Files::isDirectory).toList()) {
                Directories.force(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
