package io.junction.bench;

import java.util.ArrayList;
import java.util.List;

/** How publishers and subscribers meet in a pub/sub scenario. */
enum Topology {
    /** Publishers on a subject nobody subscribes to: what the server can read and match. */
    PUBLISH_ONLY("publish"),
    /** Each publisher has its own subject and its own subscriber. */
    PAIRS("pair"),
    /** All publishers on one subject; every subscriber gets every message. */
    FAN_OUT("fanout"),
    /** All publishers on one subject; each message goes to one member of a queue group. */
    QUEUE_GROUP("queue");

    static final String QUEUE_GROUP_NAME = "workers";

    private final String key;

    Topology(String key) {
        this.key = key;
    }

    String key() {
        return key;
    }

    String title(Load load) {
        return switch (this) {
            case PUBLISH_ONLY -> "publish only";
            case PAIRS -> "pub/sub 1:1";
            case FAN_OUT -> "fan-out to " + load.subscribers();
            case QUEUE_GROUP -> "queue group of " + load.subscribers();
        };
    }

    String description(Load load) {
        var publishers = load.publishers() + " publisher connections";
        var subscribers = load.subscribers() + " subscribers";
        return switch (this) {
            case PUBLISH_ONLY -> publishers + ", no subscriber; counts messages published and flushed";
            case PAIRS -> load.publishers() + " publisher/subscriber pairs, a subject each; counts deliveries";
            case FAN_OUT -> publishers + " on one subject, " + subscribers + " get every message; counts deliveries";
            case QUEUE_GROUP ->
                publishers + " on one subject, " + subscribers + " in one queue group; counts deliveries";
        };
    }

    /** The flows of one round, each with its subscribers still to be connected. */
    List<Flow> flows(Load load) {
        return switch (this) {
            case PUBLISH_ONLY -> List.of(new Flow("bench.publish", load.publishers(), 0, false));
            case PAIRS -> pairs(load.publishers());
            case FAN_OUT -> List.of(new Flow("bench.fanout", load.publishers(), load.subscribers(), false));
            case QUEUE_GROUP -> List.of(new Flow("bench.queue", load.publishers(), load.subscribers(), true));
        };
    }

    private static List<Flow> pairs(int count) {
        var flows = new ArrayList<Flow>();
        for (int i = 0; i < count; i++) {
            flows.add(new Flow("bench.pair." + i, 1, 1, false));
        }

        return flows;
    }
}
