package io.junction.jetstream.consumer;

import io.junction.jetstream.store.MessageStore;
import java.util.List;

/**
 * The count of a consumer's matching messages after its cursor, kept cheaply: counted once, then extended by the
 * messages appended since and decreased by each new message delivered; counted again after any removal. Each count
 * and the last sequence it covers are read together, as the writer appends meanwhile. Confined to the consumer's
 * executor.
 */
final class PendingTally {
    private final MessageStore store;
    private final List<String> filters;
    private long afterCursor = -1;
    private long countedUpTo;

    PendingTally(MessageStore store, List<String> filters) {
        this.store = store;
        this.filters = filters;
    }

    /** The matching messages after the cursor, brought up to date with what was appended. */
    long afterCursor(long cursor) {
        if (afterCursor < 0) {
            var counted = store.numPendingNow(cursor + 1, filters);
            afterCursor = counted.count();
            countedUpTo = Math.max(counted.lastSequence(), cursor);
        } else if (store.state().lastSeq() > countedUpTo) {
            var counted = store.numPendingNow(countedUpTo + 1, filters);
            afterCursor += counted.count();
            countedUpTo = Math.max(countedUpTo, counted.lastSequence());
        }
        return afterCursor;
    }

    /** A new message went out: it leaves the count, unless it was appended after the count was last extended. */
    void deliveredNew(long sequence) {
        if (sequence <= countedUpTo) {
            afterCursor = Math.max(0, afterCursor - 1);
        } else {
            // the first match after the cursor: nothing between the two was counted, nor is there anything to count
            countedUpTo = sequence;
        }
    }

    /** A new message taken but not delivered goes back behind the cursor, and into the count. */
    void putBack() {
        if (afterCursor >= 0) {
            afterCursor++;
        }
    }

    /** Messages were removed, or the cursor moved: count again when next asked. */
    void recount() {
        afterCursor = -1;
    }
}
