package io.junction.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * How long an fsync takes where the stores live: appends of one 4 KiB block, each forced to disk. By default
 * Junction holds every publish ack until such an fsync, so this is the floor under its ack latency, and the rate
 * of fsyncs the disk sustains bounds how many batches of group commit a second there can be.
 */
final class DiskProbe {
    private static final int BLOCK = 4096;

    private DiskProbe() {}

    /**
     * @param fileSystem the file system's type as the JDK names it, such as {@code ext4}
     * @param fsync the time each append-and-fsync took
     */
    record Result(Path directory, String fileSystem, Latency fsync) {}

    static Result measure(Path directory, int samples) throws IOException {
        var file = Files.createTempFile(directory, "fsync-probe-", ".bin");
        try (var channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            var block = ByteBuffer.allocate(BLOCK);
            var nanos = new long[samples];
            for (int i = 0; i < samples; i++) {
                block.clear();
                long start = System.nanoTime();
                channel.write(block);
                channel.force(false);
                nanos[i] = System.nanoTime() - start;
            }

            return new Result(directory, Files.getFileStore(directory).type(), Latency.of(nanos, samples));
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
