package io.junction.bench;

/** The two Temporal servers compared, in the order their columns appear. */
enum TemporalTarget {
    IN_MEMORY("in-memory", "in_memory"),
    JUNCTION("Junction", "junction");

    private final String label;
    private final String key;

    TemporalTarget(String label, String key) {
        this.label = label;
        this.key = key;
    }

    String label() {
        return label;
    }

    /** The name {@link TemporalServerHost} takes on its command line, and the JSON's. */
    String key() {
        return key;
    }

    static TemporalTarget of(String key) {
        for (var target : values()) {
            if (target.key.equals(key)) {
                return target;
            }
        }
        throw new BenchException("no Temporal server " + key + "; choose in_memory or junction");
    }
}
