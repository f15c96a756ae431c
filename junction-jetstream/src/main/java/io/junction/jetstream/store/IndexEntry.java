package io.junction.jetstream.store;

/** What the shared index needs to know of a stored message, wherever its bytes live. */
interface IndexEntry {
    String subject();

    long timestampNanos();

    long storedSize();
}
