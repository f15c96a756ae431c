package io.junction.jetstream.store;

/** The purge and start rules both stores share. */
final class Purges {
    private Purges() {}

    /**
     * Whether a purge takes every message and only moves the sequences: no filter and no keep, and either no bound
     * or a bound past the last sequence, which then becomes the next first sequence (nats-server's compact).
     */
    static boolean isFloorMove(String filter, long upToSequence, long keep, long lastSequence) {
        return SubjectFilter.isAll(filter) && keep <= 0 && (upToSequence <= 0 || upToSequence > lastSequence);
    }

    static void checkStartAt(MessageIndex<?> index, long firstSequence) {
        if (firstSequence < 1) {
            throw new IllegalArgumentException("first sequence " + firstSequence + " is below 1");
        }
        if (index.messages() > 0 || firstSequence <= index.lastSequence()) {
            throw new IllegalStateException("the store holds or held sequence " + index.lastSequence()
                    + ", so it cannot start at " + firstSequence);
        }
    }
}
