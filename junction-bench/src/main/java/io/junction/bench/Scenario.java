package io.junction.bench;

import java.time.Duration;

/** One row of the table: a load that runs for a while against one server and reports what got through. */
sealed interface Scenario
        permits PubSubScenario,
                RequestReplyScenario,
                AsyncPublishScenario,
                PullFetchScenario,
                KvPutScenario,
                KvGetScenario {
    /** The short name that --scenarios takes and the JSON uses. */
    String key();

    /** The row's label. */
    String title();

    /** What the load is, in a sentence, for the notes under the table. */
    String description();

    /**
     * Fills what the scenario reads (a stream, a bucket) on a server, before any warm-up or round; a server that
     * holds it already is left as it is. The benchmark prepares every server of the run for every scenario, so that
     * each has done the same work before the rounds, a JVM server the same JIT warm-up included.
     */
    default void prepare(ServerProcess server) throws Exception {}

    /**
     * Runs one round: connects, applies the load for {@code duration}, waits until every expected message has
     * arrived or the drain timeout has passed, and closes its connections.
     */
    RoundResult run(ServerProcess server, Duration duration) throws Exception;
}
