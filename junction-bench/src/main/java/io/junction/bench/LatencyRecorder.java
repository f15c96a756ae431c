package io.junction.bench;

import java.util.Arrays;

/** Round-trip times of one requester thread; not thread-safe, each requester has its own. */
final class LatencyRecorder {
    private long[] samples = new long[64 * 1024];
    private int length;

    void record(long nanos) {
        if (length == samples.length) {
            samples = Arrays.copyOf(samples, length * 2);
        }
        samples[length++] = nanos;
    }

    static Latency merge(Iterable<LatencyRecorder> recorders) {
        int total = 0;
        for (var recorder : recorders) {
            total += recorder.length;
        }
        var all = new long[total];
        int at = 0;
        for (var recorder : recorders) {
            System.arraycopy(recorder.samples, 0, all, at, recorder.length);
            at += recorder.length;
        }

        return Latency.of(all, total);
    }
}
