package io.junction.jetstream.store;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * A process for {@link FileStoreCrashTest} to kill: it opens a file store, appends from the main thread and syncs
 * from another, as a stream's group commit would, and after each completed sync prints the last sequence it covered.
 * After each append of a multiple of {@value #DELETE_EVERY} it deletes (or erases) the message {@value #DELETE_LAG}
 * sequences back. It never stops by itself. Every message's content follows from its sequence, so the parent can
 * check it. With the argument {@code compact} it writes with {@code compression: s2}, deletes all but every
 * {@value #KEEP_EVERY}th message instead, and compacts segments from the appending thread every
 * {@value #COMPACT_EVERY} appends, as a stream's writer does after a batch.
 */
public final class StoreCrashChild {
    private static final int SEGMENT_BYTES = 64 * 1024;
    private static final int MAX_UNSYNCED = 256;
    static final int DELETE_EVERY = 11;
    static final int DELETE_LAG = 10;
    static final int KEEP_EVERY = 4;
    static final int COMPACT_EVERY = 50;
    static final String COMPACTED = "compacted a segment";

    private static volatile long synced;

    private StoreCrashChild() {}

    public static void main(String[] args) {
        // stdout is this process's report to the parent, not a log
        var report = new PrintStream(new FileOutputStream(FileDescriptor.out), true, US_ASCII);
        // stderr tells the parent that kills did land among compactions
        var compactions = new PrintStream(new FileOutputStream(FileDescriptor.err), true, US_ASCII);
        var compact = args.length > 1 && args[1].equals("compact");
        var compression = compact ? StoreCompression.S2 : StoreCompression.NONE;
        // smaller segments when compacting, so that even a short run seals a few for compaction to find
        var segmentBytes = compact ? SEGMENT_BYTES / 4 : SEGMENT_BYTES;
        var store = FileStore.open(Path.of(args[0]), StoreLimits.NONE, segmentBytes, compression);
        synced = store.state().lastSeq();
        deleteBehind(store, synced, compact);
        var syncer = new Thread(() -> syncForever(store, report), "syncer");
        syncer.setDaemon(true);
        syncer.start();
        while (true) {
            var sequence = store.state().lastSeq() + 1;
            if (sequence - synced > MAX_UNSYNCED) {
                LockSupport.parkNanos(100_000);
                continue;
            }
            var appended = store.append(subject(sequence), headers(sequence), payload(sequence), sequence);
            if (appended != sequence) {
                throw new IllegalStateException("appended " + appended + " where " + sequence + " was next");
            }
            deleteBehind(store, sequence, compact);
            if (compact && sequence % COMPACT_EVERY == 0 && store.compactSegments() > 0) {
                compactions.println(COMPACTED);
            }
            if (ThreadLocalRandom.current().nextInt(64) == 0) {
                Thread.yield();
            }
        }
    }

    private static void syncForever(FileStore store, PrintStream report) {
        while (true) {
            var covered = store.state().lastSeq();
            store.sync();
            if (covered > synced) {
                synced = covered;
                report.println(covered);
            }
        }
    }

    /** Deletes the message that the append of {@code sequence} dooms, if it is one that dooms another. */
    private static void deleteBehind(FileStore store, long sequence, boolean compact) {
        if (sequence > DELETE_LAG && dooms(sequence, compact)) {
            store.delete(sequence - DELETE_LAG, sequence % 2 == 0);
        }
    }

    private static boolean dooms(long sequence, boolean compact) {
        return compact ? sequence % KEEP_EVERY != 0 : sequence % DELETE_EVERY == 0;
    }

    /** Whether the message is deleted once {@code lastSequence} was appended and its deletes done. */
    static boolean isDeleted(long sequence, long lastSequence, boolean compact) {
        return dooms(sequence + DELETE_LAG, compact) && sequence + DELETE_LAG <= lastSequence;
    }

    static String subject(long sequence) {
        return "crash." + (sequence % 5);
    }

    static byte[] headers(long sequence) {
        return sequence % 3 == 0 ? null : ("NATS/1.0\r\nseq: " + sequence + "\r\n\r\n").getBytes(US_ASCII);
    }

    static byte[] payload(long sequence) {
        var payload = new byte[(int) (sequence * 7919 % 700)];
        for (var i = 0; i < payload.length; i++) {
            payload[i] = (byte) (sequence + i);
        }

        return payload;
    }
}
