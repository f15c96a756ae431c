package io.junction.jetstream.store;

import java.util.Arrays;

// TODO: memory follows the span from the first to the last stored sequence, so one old message kept while millions
// of later ones come and go costs 4 to 8 bytes per sequence in between, and a span over 2^30 fails the append.
/**
 * Entries by sequence in a power-of-two ring that spans the first to the last stored sequence. A removed sequence
 * leaves an empty slot, so a lookup is one array access and memory follows the span rather than the count.
 *
 * <p>Not thread-safe: the owning store guards it. Sequences are added in ascending order only.
 */
final class SequenceRing<E> {
    private static final int MIN_CAPACITY = 16;
    private static final int MAX_CAPACITY = 1 << 30;

    private Object[] slots = new Object[MIN_CAPACITY];
    private long start = 1;
    private long end = 1;
    private long size;

    long size() {
        return size;
    }

    /** The lowest stored sequence, or 0 when empty. */
    long first() {
        return size == 0 ? 0 : start;
    }

    /** The highest stored sequence, or 0 when empty. */
    long last() {
        return size == 0 ? 0 : end - 1;
    }

    @SuppressWarnings("unchecked")
    E get(long sequence) {
        if (sequence < start || sequence >= end) {
            return null;
        }

        return (E) slots[slot(sequence)];
    }

    /** Makes room for {@code sequence}, so that adding it cannot fail; throws when the span would be too large. */
    void reserve(long sequence) {
        var span = size == 0 ? 1 : sequence - start + 1;
        if (span > slots.length) {
            resize(span);
        }
    }

    /** Adds above every stored sequence; the sequences in between stay empty. */
    void add(long sequence, E entry) {
        if (sequence < end) {
            throw new IllegalArgumentException("sequence " + sequence + " is not above " + (end - 1));
        }
        reserve(sequence);
        if (size == 0) {
            start = sequence;
        }
        slots[slot(sequence)] = entry;
        end = sequence + 1;
        size++;
    }

    /** Replaces the entry of a stored sequence; false when the sequence holds none. */
    boolean replace(long sequence, E entry) {
        if (get(sequence) == null) {
            return false;
        }
        slots[slot(sequence)] = entry;

        return true;
    }

    E remove(long sequence) {
        var entry = get(sequence);
        if (entry == null) {
            return null;
        }
        slots[slot(sequence)] = null;
        size--;
        if (size == 0) {
            start = end;
        } else if (sequence == start) {
            start = ceiling(start + 1);
        } else if (sequence == end - 1) {
            end = floor(end - 2) + 1;
        }
        if (slots.length > MIN_CAPACITY && end - start < slots.length / 4) {
            resize(Math.max(end - start, 1));
        }

        return entry;
    }

    /** The lowest stored sequence at or above {@code sequence}, or 0 when there is none. */
    long ceiling(long sequence) {
        for (var s = Math.max(sequence, start); s < end; s++) {
            if (slots[slot(s)] != null) {
                return s;
            }
        }

        return 0;
    }

    /** The highest stored sequence at or below {@code sequence}, or 0 when there is none. */
    long floor(long sequence) {
        for (var s = Math.min(sequence, end - 1); s >= start; s--) {
            if (slots[slot(s)] != null) {
                return s;
            }
        }

        return 0;
    }

    /** Removes everything; the next add may use any sequence not below {@code nextSequence}. */
    void clear(long nextSequence) {
        Arrays.fill(slots, null);
        if (slots.length > MIN_CAPACITY) {
            slots = new Object[MIN_CAPACITY];
        }
        start = nextSequence;
        end = nextSequence;
        size = 0;
    }

    private int slot(long sequence) {
        return (int) (sequence & (slots.length - 1));
    }

    private void resize(long span) {
        if (span > MAX_CAPACITY) {
            throw new StoreException("sequence span " + span + " exceeds the index's capacity");
        }
        var capacity = Math.max(MIN_CAPACITY, Integer.highestOneBit((int) span - 1) << 1);
        var resized = new Object[capacity];
        for (var s = start; s < end; s++) {
            resized[(int) (s & (capacity - 1))] = slots[slot(s)];
        }
        slots = resized;
    }
}
