package io.junction.jetstream.store;

/**
 * Where the file store holds a message: its frame's segment, offset and length, with what the index needs; the stored
 * size is nats-server's count of the message, before any compression.
 */
record FileEntry(String subject, long timestampNanos, int frameLength, Segment segment, long offset, long storedSize)
        implements IndexEntry {
    /**
     * Removes every message below {@code floor} from the index and from its segment's live count, marking no frame: a
     * purge floor in a segment header stands for all of them.
     */
    static void removeBelow(MessageIndex<FileEntry> index, long floor) {
        while (index.messages() > 0 && index.firstSequence() < floor) {
            var entry = index.remove(index.firstSequence());
            entry.segment().removeLive(entry.frameLength());
        }
    }

    /** The same message where compaction moved its frame. */
    FileEntry movedTo(Segment to, long toOffset) {
        return new FileEntry(subject, timestampNanos, frameLength, to, toOffset, storedSize);
    }
}
