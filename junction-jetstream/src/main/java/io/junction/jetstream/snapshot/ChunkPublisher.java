package io.junction.jetstream.snapshot;

import io.junction.nats.server.NatsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Cuts what is written into chunks of a fixed size and publishes each to the snapshot's deliver subject, with a reply
 * subject the client acknowledges it on: {@code <ack prefix>.<chunk size>.<chunk number>}, as nats-server does. At
 * most {@code window} chunks are unacknowledged at once; past that the writer waits for an ack, and gives up (as
 * {@link Aborted}) when none comes in time or nobody listens on the deliver subject any more.
 *
 * <p>Written to by one thread; acks arrive on others.
 */
final class ChunkPublisher extends OutputStream {
    private static final long POLL_NANOS = 50_000_000L;

    private final NatsServer server;
    private final String deliverSubject;
    private final String ackPrefix;
    private final int maxInFlight;
    private final long ackTimeoutNanos;
    private final byte[] chunk;
    private int filled;
    private int sent;
    private long bytes;
    private int inFlight;

    ChunkPublisher(
            NatsServer server,
            String deliverSubject,
            String ackPrefix,
            int chunkSize,
            int maxInFlight,
            long ackTimeoutNanos) {
        this.server = server;
        this.deliverSubject = deliverSubject;
        this.ackPrefix = ackPrefix;
        this.maxInFlight = maxInFlight;
        this.ackTimeoutNanos = ackTimeoutNanos;
        this.chunk = new byte[chunkSize];
    }

    /** The client acknowledged a chunk: one more may go. */
    synchronized void acked() {
        if (inFlight > 0) {
            inFlight--;
            notifyAll();
        }
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        var at = offset;
        var left = length;
        while (left > 0) {
            var count = Math.min(left, chunk.length - filled);
            System.arraycopy(bytes, at, chunk, filled, count);
            filled += count;
            at += count;
            left -= count;
            if (filled == chunk.length) {
                send();
            }
        }
    }

    /** Sends what is left as a last, shorter chunk; {@link #flush} sends nothing, so no short chunk goes earlier. */
    void finish() throws IOException {
        if (filled > 0) {
            send();
        }
    }

    int chunksSent() {
        return sent;
    }

    long bytesSent() {
        return bytes;
    }

    private void send() throws Aborted {
        awaitWindow();
        sent++;
        var reply = ackPrefix + "." + filled + "." + sent;
        server.publish(deliverSubject, reply, null, Arrays.copyOf(chunk, filled));
        bytes += filled;
        filled = 0;
    }

    private synchronized void awaitWindow() throws Aborted {
        var deadline = System.nanoTime() + ackTimeoutNanos;
        while (true) {
            if (!server.hasInterest(deliverSubject)) {
                throw new Aborted("408 No Interest");
            }
            if (inFlight < maxInFlight) {
                inFlight++;
                return;
            }
            var left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new Aborted("408 No Flow Response");
            }
            try {
                var wait = Math.min(left, POLL_NANOS);
                wait(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Aborted("500 Snapshot Interrupted");
            }
        }
    }

    /** The snapshot stopped; the status line its last message carries. */
    static final class Aborted extends IOException {
        Aborted(String status) {
            super(status);
        }

        String status() {
            return getMessage();
        }
    }
}
