package io.junction.bench;

/**
 * One row of the JetStream table: a scenario's rounds on nats-server and on the Junction named here, which fills
 * the row's Junction column.
 */
record JetStreamRow(ScenarioResults results, JetStreamTarget junction) {
    Scenario scenario() {
        return results.scenario();
    }

    /** The server that runs the given column of this row. */
    JetStreamTarget target(ServerKind column) {
        return column == ServerKind.NATS_SERVER ? JetStreamTarget.NATS_SERVER : junction;
    }
}
