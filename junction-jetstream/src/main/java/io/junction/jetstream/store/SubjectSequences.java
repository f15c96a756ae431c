package io.junction.jetstream.store;

import java.util.Arrays;

// TODO: removing a message from the middle of a subject shifts half its sequences, so out-of-order acks on a work
// queue with millions of messages on one subject cost milliseconds each.
/**
 * One subject's stored sequences, ascending, in an array with room at both ends: appends and removals of the oldest
 * (limits, work queue acks) are O(1), other removals shift the shorter side, and counts from a sequence are a binary
 * search.
 */
final class SubjectSequences {
    private final String subject;
    private long[] sequences = new long[2];
    private int head;
    private int tail;

    SubjectSequences(String subject) {
        this.subject = subject;
    }

    String subject() {
        return subject;
    }

    int size() {
        return tail - head;
    }

    long first() {
        return sequences[head];
    }

    long last() {
        return sequences[tail - 1];
    }

    long get(int index) {
        return sequences[head + index];
    }

    /** Appends a sequence above every one held. */
    void add(long sequence) {
        if (tail == sequences.length) {
            makeRoom();
        }
        sequences[tail++] = sequence;
    }

    boolean remove(long sequence) {
        var at = Arrays.binarySearch(sequences, head, tail, sequence);
        if (at < 0) {
            return false;
        }
        if (at - head < tail - at) {
            System.arraycopy(sequences, head, sequences, head + 1, at - head);
            head++;
        } else {
            System.arraycopy(sequences, at + 1, sequences, at, tail - at - 1);
            tail--;
        }

        return true;
    }

    /** The position of the first sequence at or above {@code sequence}; {@link #size()} when there is none. */
    int indexOfCeiling(long sequence) {
        var at = Arrays.binarySearch(sequences, head, tail, sequence);

        return (at >= 0 ? at : -at - 1) - head;
    }

    /** The first sequence at or above {@code sequence}, or 0. */
    long ceiling(long sequence) {
        var index = indexOfCeiling(sequence);

        return index < size() ? get(index) : 0;
    }

    /** The last sequence at or below {@code sequence}, or 0. */
    long floor(long sequence) {
        var index = indexOfCeiling(sequence + 1) - 1;

        return index >= 0 ? get(index) : 0;
    }

    int countFrom(long sequence) {
        return size() - indexOfCeiling(sequence);
    }

    private void makeRoom() {
        var count = size();
        var target = count * 2 <= sequences.length ? sequences : new long[Math.max(4, count * 2)];
        System.arraycopy(sequences, head, target, 0, count);
        sequences = target;
        head = 0;
        tail = count;
    }
}
