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
     * Runs one round: connects, applies the load for {@code duration}, waits until every expected message has
     * arrived or the drain timeout has passed, and closes its connections.
     */
    RoundResult run(ServerProcess server, Duration duration) throws Exception;
}
