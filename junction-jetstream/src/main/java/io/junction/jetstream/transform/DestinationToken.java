package io.junction.jetstream.transform;

import java.util.List;

/**
 * One token of a transform's destination: a literal, or a mapping function with its arguments.
 *
 * @param wildcards for a function, the positions in the source pattern of the wildcards it reads, in order
 * @param number the function's numeric argument (partitions, split position, slice size), or -1
 * @param delimiter the delimiter of {@code split}, or empty
 */
record DestinationToken(Kind kind, String text, List<Integer> wildcards, int number, String delimiter) {
    DestinationToken {
        wildcards = List.copyOf(wildcards);
    }

    static DestinationToken literal(String text) {
        return new DestinationToken(Kind.LITERAL, text, List.of(), -1, "");
    }

    DestinationToken resolved(List<Integer> positions) {
        return new DestinationToken(kind, text, positions, number, delimiter);
    }

    /** The mapping functions of nats-server 2.10, and the literal token. */
    enum Kind {
        LITERAL,
        WILDCARD,
        PARTITION,
        SPLIT_FROM_LEFT,
        SPLIT_FROM_RIGHT,
        SLICE_FROM_LEFT,
        SLICE_FROM_RIGHT,
        SPLIT,
        LEFT,
        RIGHT
    }
}
