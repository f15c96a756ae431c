package io.junction.jetstream.snapshot;

import io.junction.jetstream.event.Nuid;
import io.junction.nats.server.InternalSubscription;
import io.junction.nats.server.NatsServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams one snapshot to its deliver subject, as nats-server does: waits up to two seconds for the client to
 * subscribe, sends the archive in chunks with flow control ({@link ChunkPublisher}), then an empty message whose
 * status says how it ended: {@code 204} when complete, {@code 408 No Interest} or {@code 408 No Flow Response} when the
 * client went away or stopped acknowledging, {@code 500 <reason>} when the archive could not be read. Runs on a thread
 * of its own and releases the snapshot's files when done, however it ends.
 */
public final class SnapshotSender implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotSender.class);
    private static final Nuid NUID = new Nuid();
    private static final int DEFAULT_CHUNK = 128 * 1024;
    private static final int DEFAULT_WINDOW = 8 * 1024 * 1024;
    private static final long INTEREST_WAIT_NANOS = 2_000_000_000L;
    private static final long ACK_TIMEOUT_NANOS = 5_000_000_000L;

    private final NatsServer server;
    private final SnapshotArchive.Contents contents;
    private final String deliverSubject;
    private final int chunkSize;
    private final int window;
    private final Finished finished;
    private volatile Thread thread;

    /**
     * @param chunkSize the client's {@code chunk_size}, 0 for the default; held between 1 KiB and 1 MiB
     * @param window the client's {@code window_size}, 0 for the default; held between 1 KiB and 32 MiB, and at least
     *     one chunk
     */
    public SnapshotSender(
            NatsServer server,
            SnapshotArchive.Contents contents,
            String deliverSubject,
            int chunkSize,
            int window,
            Finished finished) {
        this.server = server;
        this.contents = contents;
        this.deliverSubject = deliverSubject;
        this.chunkSize = Math.clamp(chunkSize == 0 ? DEFAULT_CHUNK : chunkSize, 1024, 1024 * 1024);
        this.window = Math.max(this.chunkSize, Math.clamp(window == 0 ? DEFAULT_WINDOW : window, 1024, 32 << 20));
        this.finished = finished;
    }

    /** Starts sending on a thread of its own. */
    public void start() {
        thread = Thread.ofPlatform()
                .name("jetstream-snapshot-" + contents.stream())
                .daemon()
                .start(this);
    }

    /** Stops sending; the client is told {@code 500}. */
    public void stop() {
        var running = thread;
        if (running != null) {
            running.interrupt();
        }
    }

    @Override
    public void run() {
        var ackPrefix = "$JS.SNAPSHOT.ACK." + contents.stream() + "." + NUID.next();
        var publisher =
                new ChunkPublisher(server, deliverSubject, ackPrefix, chunkSize, window / chunkSize, ACK_TIMEOUT_NANOS);
        InternalSubscription acks = null;
        var status = "204";
        try (var store = contents.store()) {
            acks = server.subscribe(ackPrefix + ".>", null, (subject, reply, headers, body) -> publisher.acked());
            awaitInterest();
            SnapshotArchive.write(publisher, contents);
            publisher.finish();
        } catch (ChunkPublisher.Aborted e) {
            status = e.status();
            LOG.warn("stream={} snapshot stopped: {}", contents.stream(), status);
        } catch (IOException | RuntimeException e) {
            status = "500 " + String.valueOf(e.getMessage()).replaceAll("[\r\n]+", " ");
            LOG.warn("stream={} snapshot failed", contents.stream(), e);
        } finally {
            if (acks != null) {
                acks.close();
            }
        }
        var end = ("NATS/1.0 " + status + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        server.publish(deliverSubject, null, end, new byte[0]);
        finished.finished(this, status.equals("204"), publisher.chunksSent(), publisher.bytesSent());
    }

    /** The client subscribes once it has the response; give it a moment, as nats-server does. */
    private void awaitInterest() throws ChunkPublisher.Aborted {
        var deadline = System.nanoTime() + INTEREST_WAIT_NANOS;
        while (!server.hasInterest(deliverSubject) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ChunkPublisher.Aborted("500 Snapshot Interrupted");
            }
        }
    }

    /** Hears how a snapshot ended, on its thread. */
    @FunctionalInterface
    public interface Finished {
        void finished(SnapshotSender sender, boolean complete, int chunks, long bytes);
    }
}
