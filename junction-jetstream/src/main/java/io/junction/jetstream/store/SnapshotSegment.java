package io.junction.jetstream.store;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.TreeMap;
import java.util.concurrent.locks.Lock;

/**
 * One segment file as it was when its {@link StoreSnapshot} was taken: its bytes up to the length it had then, read
 * through a channel opened then, so that a compaction renaming a new file over it or a sync removing it changes
 * nothing here. The two writes the store makes in place (a deleted frame's state byte, an erased frame) are undone
 * from the bytes {@link #preserve} kept before they were made.
 */
public final class SnapshotSegment {
    private static final int READ_SIZE = 64 * 1024;

    private final String name;
    private final long length;
    private final FileChannel channel;
    private final Lock storeReadLock;
    // guarded by the store's lock: written under its write lock, read under its read lock
    private final TreeMap<Long, byte[]> preserved = new TreeMap<>();
    private IOException lost;

    SnapshotSegment(String name, long length, FileChannel channel, Lock storeReadLock) {
        this.name = name;
        this.length = length;
        this.channel = channel;
        this.storeReadLock = storeReadLock;
    }

    /** The file's name in the store's directory. */
    public String name() {
        return name;
    }

    /** The bytes the file had when the snapshot was taken. */
    public long length() {
        return length;
    }

    /**
     * Writes the file's bytes as they were when the snapshot was taken. Each read is made under the store's read lock,
     * so that a write in place is either wholly before it, and undone here, or wholly after it.
     */
    public void writeTo(OutputStream out) throws IOException {
        var buffer = ByteBuffer.allocate(READ_SIZE);
        for (long position = 0; position < length; ) {
            buffer.clear().limit((int) Math.min(READ_SIZE, length - position));
            storeReadLock.lock();
            try {
                if (lost != null) {
                    throw new IOException("segment " + name + " changed and its earlier bytes could not be kept", lost);
                }
                readFully(buffer, position);
                undoWritesSince(buffer.array(), position, buffer.limit());
            } finally {
                storeReadLock.unlock();
            }
            out.write(buffer.array(), 0, buffer.limit());
            position += buffer.limit();
        }
    }

    /**
     * Keeps the bytes a write in place is about to replace, when they lie in what the snapshot holds. A failed read
     * fails this snapshot, when it is read, rather than the store's write.
     */
    void preserve(long position, int count) {
        if (position >= length || preserved.containsKey(position)) {
            return;
        }
        var buffer = ByteBuffer.allocate((int) Math.min(count, length - position));
        try {
            readFully(buffer, position);
            preserved.put(position, buffer.array());
        } catch (IOException e) {
            lost = e;
        }
    }

    void close() throws IOException {
        channel.close();
    }

    private void readFully(ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("segment " + name + " ends before " + (position + buffer.limit()));
            }
        }
    }

    private void undoWritesSince(byte[] bytes, long start, int count) {
        var first = preserved.floorKey(start);
        for (var entry :
                preserved.subMap(first == null ? start : first, start + count).entrySet()) {
            var original = entry.getValue();
            var from = Math.max(entry.getKey(), start);
            var to = Math.min(entry.getKey() + original.length, start + count);
            if (from < to) {
                System.arraycopy(
                        original, (int) (from - entry.getKey()), bytes, (int) (from - start), (int) (to - from));
            }
        }
    }
}
