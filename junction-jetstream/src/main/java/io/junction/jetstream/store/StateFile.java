package io.junction.jetstream.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * A small state (a consumer's, say) kept in one file and replaced whole, atomically and durably: the new bytes go to
 * a temporary file that is forced, renamed over the old one, and the directory forced. A reader sees the old state or
 * the new one, never a mix, and after {@link #write} returns the new one survives a crash.
 *
 * <p>The file holds magic {@code JNST}, the length (4) and CRC32C (4) of the state, then the state, so that a
 * corrupted file is reported rather than read as a wrong state. Not thread-safe: one writer per file.
 */
public record StateFile(Path path) {
    private static final int MAGIC = 0x4A4E5354;
    private static final int HEADER_SIZE = 12;

    /** The bytes of a state file holding this state: what {@link #write} puts in the file. */
    public static byte[] encode(byte[] state) {
        var crc = new CRC32C();
        crc.update(state);

        return ByteBuffer.allocate(HEADER_SIZE + state.length)
                .putInt(MAGIC)
                .putInt(state.length)
                .putInt((int) crc.getValue())
                .put(state)
                .array();
    }

    /** Replaces the state; durable when this returns. */
    public void write(byte[] state) {
        var temporary = path.resolveSibling(path.getFileName() + ".tmp");
        var bytes = ByteBuffer.wrap(encode(state));
        try {
            try (var channel = FileChannel.open(
                    temporary,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE)) {
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Directories.force(path.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new StoreException("cannot write state file " + path, e);
        }
    }

    /**
     * The state last written, or empty when there is none.
     *
     * @throws StoreException when the file cannot be read or is corrupt
     */
    public Optional<byte[]> read() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StoreException("cannot read state file " + path, e);
        }
        var buffer = ByteBuffer.wrap(bytes);
        if (bytes.length < HEADER_SIZE || buffer.getInt(0) != MAGIC || buffer.getInt(4) != bytes.length - HEADER_SIZE) {
            throw new StoreException("state file " + path + " is corrupt");
        }
        var crc = new CRC32C();
        crc.update(bytes, HEADER_SIZE, bytes.length - HEADER_SIZE);
        if ((int) crc.getValue() != buffer.getInt(8)) {
            throw new StoreException("state file " + path + " fails its checksum");
        }

        return Optional.of(Arrays.copyOfRange(bytes, HEADER_SIZE, bytes.length));
    }

    /** Removes the state, durably; nothing happens when there is none. */
    public void delete() {
        try {
            if (Files.deleteIfExists(path)) {
                Directories.force(path.toAbsolutePath().getParent());
            }
        } catch (IOException e) {
            throw new StoreException("cannot delete state file " + path, e);
        }
    }
}
