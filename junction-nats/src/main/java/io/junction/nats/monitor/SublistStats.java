package io.junction.nats.monitor;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.junction.nats.subject.SubjectIndexStats;

/** The subject index's counters under nats-server's {@code SublistStats} names, the body of a plain {@code /subsz}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record SublistStats(
        int numSubscriptions,
        int numCache,
        long numInserts,
        long numRemoves,
        long numMatches,
        double cacheHitRate,
        int maxFanout,
        double avgFanout) {
    static final SublistStats EMPTY = new SublistStats(0, 0, 0, 0, 0, 0, 0, 0);

    static SublistStats of(SubjectIndexStats stats) {
        return new SublistStats(
                stats.subscriptions(),
                stats.cached(),
                stats.inserts(),
                stats.removes(),
                stats.matches(),
                stats.cacheHitRate(),
                stats.maxFanout(),
                stats.averageFanout());
    }
}
