package io.junction.jetstream.store;

/** A message held by the memory store, in the shape the index reads. */
record MemoryEntry(StoredMessage message) implements IndexEntry {
    @Override
    public String subject() {
        return message.subject();
    }

    @Override
    public long timestampNanos() {
        return message.timestampNanos();
    }

    @Override
    public long storedSize() {
        return message.storedSize();
    }
}
