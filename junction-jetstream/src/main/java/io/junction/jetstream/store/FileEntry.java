package io.junction.jetstream.store;

/** Where the file store holds a message: its frame's segment, offset and length, with what the index needs. */
record FileEntry(String subject, long timestampNanos, int frameLength, Segment segment, long offset, boolean hasHeaders)
        implements IndexEntry {
    @Override
    public long storedSize() {
        return SegmentFormat.storedSize(frameLength, hasHeaders);
    }
}
