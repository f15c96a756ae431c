package io.junction.nats.subject;

/** A snapshot of the index's counters, in the terms of nats-server's {@code /subsz}. */
public record SubjectIndexStats(
        int subscriptions,
        int cached,
        long inserts,
        long removes,
        long matches,
        long cacheHits,
        int maxFanout,
        double averageFanout) {
    public double cacheHitRate() {
        return matches == 0 ? 0.0 : (double) cacheHits / matches;
    }
}
