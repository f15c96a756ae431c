package io.junction.nats.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import java.util.ArrayDeque;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What the server owes one client, gathered from any thread and written on the client's event loop.
 *
 * <h2>Why</h2>
 * Publishers on other event loops append messages here under a short lock instead of writing to the channel, so a
 * burst of messages costs one flush and one system call, not one per message, as nats-server's pending buffers do.
 *
 * <h2>Limits</h2>
 * The bytes appended and not yet written, here and in Netty's buffer, are bounded by {@code max_pending}: an append
 * that would pass it, a message or a protocol line such as PONG, is refused and the caller closes the client as a
 * slow consumer. A chunk handed to Netty mostly empty is first copied to one of its content's size, so that what
 * waits for a client that does not read costs about what {@code max_pending} counts, not a whole chunk per flush.
 */
final class Outbound {
    private static final int CHUNK = 64 * 1024;

    private final Channel channel;
    private final long maxPending;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<ByteBuf> full = new ArrayDeque<>();
    private final Runnable flushTask = this::flush;
    private final java.util.List<Runnable> stalledProducers = new java.util.ArrayList<>();
    private volatile boolean stuck;
    private ByteBuf current;
    private long buffered;
    private boolean flushScheduled;
    private boolean earlyFlushRequested;
    private boolean closed;
    private long messages;
    private long bytes;

    Outbound(Channel channel, long maxPending) {
        this.channel = channel;
        this.maxPending = maxPending;
    }

    /** Outcome of an append: whether it was taken and whether the caller must see that a flush happens. */
    enum Append {
        NEEDS_FLUSH,
        /** A flush is awaited, but so much is buffered that the caller should ask for one now, mid-batch. */
        FLUSH_NOW,
        QUEUED,
        OVER_LIMIT,
        CLOSED
    }

    Append message(byte[] subject, byte[] sid, byte[] reply, byte[] sizes, boolean headers, ByteBuf message) {
        var size = message.readableBytes();
        var length = 6 + subject.length + sid.length + (reply == null ? 0 : reply.length + 1) + sizes.length + size + 2;
        lock.lock();
        try {
            if (closed) {
                return Append.CLOSED;
            }
            if (buffered + length + written() > maxPending) {
                return Append.OVER_LIMIT;
            }
            var buf = reserve(length);
            if (headers) {
                buf.writeByte('H');
            }
            buf.writeBytes(MSG_PREFIX);
            buf.writeBytes(subject);
            buf.writeByte(' ');
            buf.writeBytes(sid);
            if (reply != null) {
                buf.writeByte(' ');
                buf.writeBytes(reply);
            }
            buf.writeBytes(sizes);
            buf.writeBytes(message, message.readerIndex(), size);
            buf.writeShort(CRLF);
            buffered += length;
            messages++;
            bytes += size;
            return scheduled();
        } finally {
            lock.unlock();
        }
    }

    /** Appends a protocol line (PONG, +OK, -ERR, INFO), refused like a message when it would pass max_pending. */
    Append protocol(byte[] line) {
        lock.lock();
        try {
            if (closed) {
                return Append.CLOSED;
            }
            if (buffered + line.length + written() > maxPending) {
                return Append.OVER_LIMIT;
            }
            reserve(line.length).writeBytes(line);
            buffered += line.length;
            return scheduled();
        } finally {
            lock.unlock();
        }
    }

    /** Whether the unwritten bytes passed half of {@code max_pending}, when producers should pause. */
    boolean isBackedUp() {
        return pendingBytes() > maxPending / 2;
    }

    /** Whether a producer paused for this receiver and it wrote nothing meanwhile; cleared once it drains. */
    boolean isStuck() {
        return stuck;
    }

    void markStuck() {
        stuck = true;
    }

    /** The share of {@code max_pending} in use, for how long a producer pauses. */
    boolean isFull() {
        return pendingBytes() >= maxPending;
    }

    /** Runs the task once this buffer drains below half of {@code max_pending}, or at once if it already has. */
    void whenDrained(Runnable resume) {
        lock.lock();
        try {
            if (!closed && isBackedUp()) {
                stalledProducers.add(resume);
                return;
            }
        } finally {
            lock.unlock();
        }
        resume.run();
    }

    /** Lets paused producers go on when the buffer has drained; called after writes complete. */
    void releaseIfDrained() {
        Runnable[] resumes;
        lock.lock();
        try {
            if (!isBackedUp()) {
                stuck = false;
            }
            if (stalledProducers.isEmpty() || (!closed && isBackedUp())) {
                return;
            }
            resumes = stalledProducers.toArray(Runnable[]::new);
            stalledProducers.clear();
        } finally {
            lock.unlock();
        }
        for (var resume : resumes) {
            resume.run();
        }
    }

    /** Makes sure the pending bytes get written soon, on the channel's event loop. Safe from any thread. */
    void flushSoon() {
        channel.eventLoop().execute(flushTask);
    }

    /** Writes everything appended so far; on the channel's event loop. */
    void flush() {
        lock.lock();
        var last = current;
        current = null;
        buffered = 0;
        flushScheduled = false;
        earlyFlushRequested = false;
        ByteBuf[] chunks = full.isEmpty() ? null : full.toArray(ByteBuf[]::new);
        full.clear();
        lock.unlock();

        if (chunks != null) {
            for (var chunk : chunks) {
                channel.write(trimmed(chunk), channel.voidPromise());
            }
        }
        if (last != null) {
            channel.write(trimmed(last), channel.voidPromise());
        }
        if (chunks != null || last != null) {
            channel.flush();
        }
        releaseIfDrained();
    }

    /** Refuses every later append and frees what was never written. */
    void close() {
        lock.lock();
        try {
            closed = true;
            if (current != null) {
                current.release();
                current = null;
            }
            full.forEach(ByteBuf::release);
            full.clear();
            buffered = 0;
        } finally {
            lock.unlock();
        }
        releaseIfDrained();
    }

    long pendingBytes() {
        return buffered + written();
    }

    long messages() {
        lock.lock();
        try {
            return messages;
        } finally {
            lock.unlock();
        }
    }

    long bytes() {
        lock.lock();
        try {
            return bytes;
        } finally {
            lock.unlock();
        }
    }

    private Append scheduled() {
        if (flushScheduled) {
            if (buffered >= CHUNK && !earlyFlushRequested) {
                earlyFlushRequested = true;
                return Append.FLUSH_NOW;
            }
            return Append.QUEUED;
        }
        flushScheduled = true;
        return Append.NEEDS_FLUSH;
    }

    private ByteBuf reserve(int length) {
        if (current != null && current.writableBytes() >= length) {
            return current;
        }
        if (current != null && current.isReadable()) {
            full.add(current);
        } else if (current != null) {
            current.release();
        }
        current = ByteBufAllocator.DEFAULT.directBuffer(Math.max(CHUNK, length));
        return current;
    }

    /** The chunk, or a copy of its content in a buffer of that size when it is less than half full. */
    private static ByteBuf trimmed(ByteBuf chunk) {
        var readable = chunk.readableBytes();
        if (readable >= chunk.capacity() / 2) {
            return chunk;
        }
        var copy = ByteBufAllocator.DEFAULT.directBuffer(readable);
        copy.writeBytes(chunk);
        chunk.release();
        return copy;
    }

    /** Bytes handed to Netty and not yet on the socket. */
    private long written() {
        var buffer = channel.unsafe().outboundBuffer();
        return buffer == null ? 0 : buffer.totalPendingWriteBytes();
    }

    private static final byte[] MSG_PREFIX = {'M', 'S', 'G', ' '};
    private static final short CRLF = ('\r' << 8) | '\n';
}
