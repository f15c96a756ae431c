package io.junction.jetstream.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A file store's high-water mark: the highest sequence it has used, that message's timestamp and the purge floor,
 * kept in {@value #FILE_NAME} beside the segments. The segments alone hold the last sequence in the newest one, so a
 * newest segment cut or damaged from outside would take its sequences with it and the next append would reuse them;
 * recovery raises the last sequence and the purge floor to the mark instead.
 *
 * <h2>Layout</h2>
 * Two slots of {@value #SLOT_SIZE} bytes, written in turn: magic {@code JNHW}, a generation (8), the last sequence
 * (8), its timestamp (8), the purge floor (8), and a CRC32C of the 36 bytes before it; big-endian. The good slot with
 * the higher generation is the mark, so a torn write loses only the newest record.
 *
 * <h2>Durability</h2>
 * The store records the mark after each sync has forced the segments, when it changed, with a positional write of one
 * slot and no force of its own: a killed process leaves it with the OS like any write, and it never claims a sequence
 * the segments could lose, since they were forced first. It is forced when the store opens and when it closes, so
 * after a clean close it holds the exact last sequence even on a device that lost power since.
 *
 * <p>Not thread-safe: the store records and forces it under its sync lock.
 */
final class HighWaterMark {
    static final String FILE_NAME = "highwater";
    private static final Logger LOG = LoggerFactory.getLogger(HighWaterMark.class);
    private static final int MAGIC = 0x4A4E4857;
    private static final int SLOT_SIZE = 40;
    private static final int SLOT_CHECKED = 36;

    /** What the mark holds; {@link #NONE} before anything was recorded. */
    record Mark(long lastSequence, long lastTimestampNanos, long purgeFloor) {
        static final Mark NONE = new Mark(0, 0, 0);
    }

    private final Path path;
    private final FileChannel channel;
    private final CRC32C crc = new CRC32C();
    private final Mark recovered;
    private Mark recorded;
    private long generation;

    private HighWaterMark(Path path, FileChannel channel, Mark recovered, long generation) {
        this.path = path;
        this.channel = channel;
        this.recovered = recovered;
        this.recorded = recovered;
        this.generation = generation;
    }

    /** Opens the store directory's mark, creating the file when missing; a damaged file counts as none. */
    static HighWaterMark open(Path directory) throws IOException {
        var path = directory.resolve(FILE_NAME);
        var channel =
                FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            var bytes = ByteBuffer.allocate(2 * SLOT_SIZE);
            var read = 0;
            while (bytes.hasRemaining() && read >= 0) {
                read = channel.read(bytes, bytes.position());
            }
            var crc = new CRC32C();
            var first = slotGeneration(bytes, 0, crc);
            var second = slotGeneration(bytes, SLOT_SIZE, crc);
            if (first < 0 && second < 0) {
                if (bytes.position() > 0) {
                    LOG.warn(
                            "store={} file={} holds no good high-water mark; recovery relies on the segments alone",
                            directory,
                            FILE_NAME);
                }
                return new HighWaterMark(path, channel, Mark.NONE, 0);
            }
            var at = first >= second ? 0 : SLOT_SIZE;

            return new HighWaterMark(path, channel, slot(bytes, at), Math.max(first, second));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The mark found when the store opened, {@link Mark#NONE} for none. */
    Mark recovered() {
        return recovered;
    }

    /**
     * Writes the mark into the older slot unless it is the one last recorded.
     *
     * @param force whether to force the file too, as open and close do; a sync does not
     */
    void record(Mark mark, boolean force) throws IOException {
        if (!mark.equals(recorded)) {
            write(mark);
        }
        if (force) {
            channel.force(false);
        }
    }

    private void write(Mark mark) throws IOException {
        generation++;
        var slot = ByteBuffer.allocate(SLOT_SIZE)
                .putInt(MAGIC)
                .putLong(generation)
                .putLong(mark.lastSequence())
                .putLong(mark.lastTimestampNanos())
                .putLong(mark.purgeFloor());
        crc.reset();
        crc.update(slot.array(), 0, SLOT_CHECKED);
        slot.putInt((int) crc.getValue()).flip();
        var position = (generation % 2) * SLOT_SIZE;
        while (slot.hasRemaining()) {
            position += channel.write(slot, position);
        }
        recorded = mark;
    }

    /** Closes the file, logging rather than failing, since nothing is left to write. */
    void close() {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.warn("store={} high-water mark did not close cleanly", path.getParent(), e);
        }
    }

    @Override
    public String toString() {
        return path.toString();
    }

    /** The slot's generation, or -1 when the slot is not a good one. */
    private static long slotGeneration(ByteBuffer bytes, int at, CRC32C crc) {
        if (bytes.position() < at + SLOT_SIZE || bytes.getInt(at) != MAGIC) {
            return -1;
        }
        crc.reset();
        crc.update(bytes.array(), at, SLOT_CHECKED);

        return (int) crc.getValue() == bytes.getInt(at + SLOT_CHECKED) ? bytes.getLong(at + 4) : -1;
    }

    private static Mark slot(ByteBuffer bytes, int at) {
        return new Mark(bytes.getLong(at + 12), bytes.getLong(at + 20), bytes.getLong(at + 28));
    }
}
