package io.junction.jetstream.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

// TODO: a channel stays open once used, so reading every segment of a stream with more segments than the process
// may open files fails with "too many open files"; idle channels of old segments should close.
/**
 * One segment file: a header, then frames appended at {@link #size()}. The writer (under the store's write lock)
 * appends, rewrites state bytes, truncates and closes; readers (under the read lock) read frames through a channel of
 * their own, so that an interrupted reader, which closes the channel it reads from, never breaks a write. Both
 * channels open on first use, so a recovered segment that is neither read nor written holds no file descriptor.
 */
final class Segment {
    private final Path path;
    private final boolean compressed;
    private volatile FileChannel channel;
    private volatile FileChannel readChannel;
    private long size;
    private int live;
    private long liveBytes;
    private long firstLive;
    private long lastLive;
    private boolean dirty;

    private Segment(Path path, FileChannel channel, long size, boolean compressed) {
        this.path = path;
        this.channel = channel;
        this.size = size;
        this.compressed = compressed;
    }

    /** Creates the file with its header written, not yet forced. */
    static Segment create(Path directory, long id, ByteBuffer header, boolean compressed) throws IOException {
        var path = directory.resolve(fileName(id));
        var channel = FileChannel.open(
                path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
        var segment = new Segment(path, channel, 0, compressed);
        segment.append(header);

        return segment;
    }

    /** A recovered (or compacted) file whose good bytes end at {@code size}. */
    static Segment recovered(Path path, long size, boolean compressed) {
        return new Segment(path, null, size, compressed);
    }

    static String fileName(long id) {
        return String.format("%010d.seg", id);
    }

    long size() {
        return size;
    }

    Path path() {
        return path;
    }

    /** Whether every frame's headers and payload are a compressed block, as the header says. */
    boolean isCompressed() {
        return compressed;
    }

    int live() {
        return live;
    }

    /** The bytes of the frames of live messages. */
    long liveBytes() {
        return liveBytes;
    }

    /** The lowest sequence a live message here ever had, 0 for none: where to look for its messages. */
    long firstLive() {
        return firstLive;
    }

    long lastLive() {
        return lastLive;
    }

    void addLive(long sequence, int frameLength) {
        live++;
        liveBytes += frameLength;
        if (firstLive == 0) {
            firstLive = sequence;
        }
        lastLive = sequence;
    }

    void removeLive(int frameLength) {
        live--;
        liveBytes -= frameLength;
    }

    void clearLive() {
        live = 0;
        liveBytes = 0;
    }

    boolean isDirty() {
        return dirty;
    }

    void clean() {
        dirty = false;
    }

    /** Asks the next sync to force this file even though nothing was written to it. */
    void markDirty() {
        dirty = true;
    }

    /** Writes the bytes at the end; returns where they start. */
    long append(ByteBuffer bytes) throws IOException {
        var offset = size;
        writeAt(bytes, offset);
        size = offset + bytes.limit();

        return offset;
    }

    void writeAt(ByteBuffer bytes, long position) throws IOException {
        dirty = true;
        var at = position;
        var writer = writer();
        while (bytes.hasRemaining()) {
            at += writer.write(bytes, at);
        }
    }

    /** Cuts the file back to {@code newSize}, dropping what follows. */
    void truncate(long newSize) throws IOException {
        writer().truncate(newSize);
        size = newSize;
        dirty = true;
    }

    /** Forces the file's content; fdatasync semantics also cover the file's length. */
    void force() throws IOException {
        if (channel != null) {
            channel.force(false);
            return;
        }
        try (var reader = FileChannel.open(path, StandardOpenOption.READ)) {
            reader.force(false);
        }
    }

    /** Reads {@code length} bytes at {@code position} into a new heap buffer. */
    ByteBuffer read(long position, int length) {
        var buffer = ByteBuffer.allocate(length);
        for (var attempt = 0; ; attempt++) {
            try {
                buffer.clear();
                var channel = readChannel();
                while (buffer.hasRemaining()) {
                    if (channel.read(buffer, position + buffer.position()) < 0) {
                        throw new StoreException("segment " + path + " ends before " + (position + length));
                    }
                }
                return buffer.flip();
            } catch (ClosedByInterruptException e) {
                reopenReadChannel();
                throw new StoreException("read of segment " + path + " interrupted", e);
            } catch (ClosedChannelException e) {
                reopenReadChannel();
                if (attempt > 0) {
                    throw new StoreException("segment " + path + " is closed", e);
                }
            } catch (IOException e) {
                throw new StoreException("cannot read segment " + path, e);
            }
        }
    }

    /**
     * The message in the frame at {@code position}, or null when the frame fails its checks (see
     * {@link SegmentFormat#checkHead}).
     */
    StoredMessage readMessage(long position, int length) {
        var frame = read(position, length);
        var crc = new CRC32C();
        if (SegmentFormat.checkHead(frame, 0, frame.limit(), compressed, crc) != length
                || !SegmentFormat.checkContent(frame, 0, length, crc)) {
            return null;
        }

        return SegmentFormat.decode(frame, 0, compressed);
    }

    void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
        var reader = readChannel;
        if (reader != null) {
            reader.close();
        }
    }

    void closeAndDelete() throws IOException {
        close();
        Files.deleteIfExists(path);
    }

    private FileChannel writer() throws IOException {
        if (channel == null) {
            channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        }

        return channel;
    }

    private FileChannel readChannel() throws IOException {
        var reader = readChannel;
        if (reader == null) {
            synchronized (this) {
                reader = readChannel;
                if (reader == null) {
                    reader = FileChannel.open(path, StandardOpenOption.READ);
                    readChannel = reader;
                }
            }
        }

        return reader;
    }

    private synchronized void reopenReadChannel() {
        if (readChannel != null && !readChannel.isOpen()) {
            readChannel = null;
        }
    }

    @Override
    public String toString() {
        return path.getFileName().toString();
    }
}
