package io.junction.jetstream.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * Every stream's writer compresses on its own thread, and readers decompress on theirs: blocks made and read at
 * the same time must all come back as they went in. (One shared compressor, whose hash table is mutable, once
 * wrote broken back-references into acknowledged messages when two compressed streams took publishes together.)
 */
class FrameCompressionConcurrencyTest {
    @Test
    void compressesAndDecompressesOnManyThreadsAtOnce() throws Exception {
        var threads = 4;
        var executor = Executors.newFixedThreadPool(threads);
        try {
            var tasks = new ArrayList<Callable<Integer>>();
            for (var t = 0; t < threads; t++) {
                var seed = t;
                tasks.add(() -> roundTrips(new Random(seed), 3_000));
            }

            var mismatches = 0;
            for (var result : executor.invokeAll(tasks)) {
                mismatches += result.get();
            }

            assertThat(mismatches).isZero();
        } finally {
            executor.shutdownNow();
        }
    }

    /** Compresses compressible payloads of varied sizes, then decompresses each; returns how many differed. */
    private static int roundTrips(Random random, int count) {
        var mismatches = 0;
        for (var i = 0; i < count; i++) {
            var payload = new byte[200 + random.nextInt(4_000)];
            for (var j = 0; j < payload.length; j++) {
                payload[j] = (byte) ('a' + random.nextInt(4));
            }
            var headers = random.nextBoolean() ? "NATS/1.0\r\nK: v\r\n\r\n".getBytes() : null;

            var block = FrameCompression.compress(headers, payload);
            byte[] content;
            try {
                content = FrameCompression.decompress(block, 0, block.length);
            } catch (StoreException e) {
                mismatches++;
                continue;
            }

            var headersLength = headers == null ? 0 : headers.length;
            var expected = new byte[headersLength + payload.length];
            if (headers != null) {
                System.arraycopy(headers, 0, expected, 0, headersLength);
            }
            System.arraycopy(payload, 0, expected, headersLength, payload.length);
            if (!java.util.Arrays.equals(content, expected)) {
                mismatches++;
            }
        }
        return mismatches;
    }
}
