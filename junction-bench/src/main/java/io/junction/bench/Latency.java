package io.junction.bench;

import java.util.Arrays;

/** Percentiles of request/reply round trips, in nanoseconds. */
record Latency(long samples, long p50Nanos, long p99Nanos, long maxNanos) {
    static Latency of(long[] samples, int length) {
        if (length == 0) {
            return new Latency(0, 0, 0, 0);
        }
        var sorted = Arrays.copyOf(samples, length);
        Arrays.sort(sorted);

        return new Latency(length, percentile(sorted, 0.50), percentile(sorted, 0.99), sorted[length - 1]);
    }

    private static long percentile(long[] sorted, double fraction) {
        int rank = (int) Math.ceil(fraction * sorted.length);

        return sorted[Math.max(0, rank - 1)];
    }
}
