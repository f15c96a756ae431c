package io.junction.jetstream.store;

/**
 * A stream's {@code compression}, as nats-server names it. A file store writes {@link #S2} as frames whose headers and
 * payload are compressed with Snappy's block format (S2 is an extension of Snappy); a memory store ignores it.
 */
public enum StoreCompression {
    NONE,
    S2;

    /** The value of a stream configuration's {@code compression}: {@code s2}, or {@code none} or empty for none. */
    public static StoreCompression of(String name) {
        return switch (name == null ? "" : name) {
            case "", "none" -> NONE;
            case "s2" -> S2;
            default -> throw new IllegalArgumentException("unknown compression algorithm " + name);
        };
    }
}
