package io.junction.jetstream.store;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link MessageStore} shares, run against each implementation by a subclass. {@link #reopen}
 * closes and reopens a persistent store (and returns the same store otherwise), so each check after it also shows
 * that the state survives a restart.
 */
abstract class MessageStoreBehaviourTest {
    static final byte[] HEADERS = "NATS/1.0\r\nk: v\r\n\r\n".getBytes(US_ASCII);

    MessageStore store;

    abstract MessageStore open(StoreLimits limits);

    abstract MessageStore reopen(MessageStore store, StoreLimits limits);

    /** The size the store under test counts for a message, as nats-server's store of the same kind does. */
    abstract long messageSize(String subject, byte[] headers, byte[] payload);

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    MessageStore store() {
        return store(StoreLimits.NONE);
    }

    MessageStore store(StoreLimits limits) {
        store = open(limits);
        return store;
    }

    void reopen() {
        store = reopen(store, StoreLimits.NONE);
    }

    static long append(MessageStore store, String subject, String payload) {
        return store.append(subject, null, payload.getBytes(US_ASCII), 1_000L);
    }

    static List<Long> appendEach(MessageStore store, String... subjects) {
        return Arrays.stream(subjects)
                .map(subject -> append(store, subject, "m"))
                .toList();
    }

    static String payload(StoredMessage message) {
        return message == null ? null : new String(message.payload(), US_ASCII);
    }

    static List<Long> sequences(List<StoredMessage> messages) {
        return messages.stream().map(StoredMessage::sequence).toList();
    }

    @Test
    void assignsAscendingSequencesFromOne() {
        store();

        var sequences = appendEach(store, "a", "b", "a");

        assertThat(sequences).containsExactly(1L, 2L, 3L);
        assertThat(store.state())
                .isEqualTo(new StreamState(3, 3 * messageSize("a", null, new byte[1]), 1, 1_000, 3, 1_000, 2, 0));
    }

    @Test
    void returnsWhatWasStored() {
        store();
        store.append("orders.new", HEADERS, "one".getBytes(US_ASCII), 42L);
        store.append("orders.old", null, new byte[0], 43L);

        reopen();

        var first = store.get(1);
        assertThat(first.subject()).isEqualTo("orders.new");
        assertThat(first.headers()).isEqualTo(HEADERS);
        assertThat(payload(first)).isEqualTo("one");
        assertThat(first.timestampNanos()).isEqualTo(42L);
        var second = store.get(2);
        assertThat(second.headers()).isNull();
        assertThat(second.payload()).isEmpty();
        assertThat(store.state().bytes())
                .isEqualTo(messageSize("orders.new", HEADERS, "one".getBytes(US_ASCII))
                        + messageSize("orders.old", null, new byte[0]));
    }

    @Test
    void returnsNullWhereNoMessageIs() {
        store();
        appendEach(store, "a", "b");
        store.delete(1, false);

        assertThat(store.get(0)).isNull();
        assertThat(store.get(1)).isNull();
        assertThat(store.get(3)).isNull();
        assertThat(store.get(-5)).isNull();
    }

    @Test
    void findsTheNextMessageMatchingAFilter() {
        store();
        appendEach(store, "a.x", "b.x", "a.y", "b.y.z", "c");

        assertThat(store.nextMatching("a.x", 1).sequence()).isEqualTo(1);
        assertThat(store.nextMatching("a.x", 2)).isNull();
        assertThat(store.nextMatching("*.y", 1).sequence()).isEqualTo(3);
        assertThat(store.nextMatching("b.>", 3).sequence()).isEqualTo(4);
        assertThat(store.nextMatching(">", 5).sequence()).isEqualTo(5);
        assertThat(store.nextMatching(null, 2).sequence()).isEqualTo(2);
        assertThat(store.nextMatching("", 0).sequence()).isEqualTo(1);
        assertThat(store.nextMatching("d.*", 1)).isNull();
        assertThat(store.nextMatching(">", 6)).isNull();
    }

    @Test
    void findsTheLastMessageMatchingAFilter() {
        store();
        appendEach(store, "a.x", "b.x", "a.y", "b.y.z", "c");
        store.delete(5, false);

        assertThat(store.lastMatching("a.x").sequence()).isEqualTo(1);
        assertThat(store.lastMatching("a.*").sequence()).isEqualTo(3);
        assertThat(store.lastMatching("b.>").sequence()).isEqualTo(4);
        assertThat(store.lastMatching(">").sequence()).isEqualTo(4);
        assertThat(store.lastMatching("c")).isNull();
        assertThat(store.lastSequenceOf("a.y")).isEqualTo(3);
        assertThat(store.lastSequenceOf("c")).isZero();
    }

    @Test
    void deletesLeaveGapsThatAreReported() {
        store();
        appendEach(store, "a", "b", "c", "d", "e");

        assertThat(store.delete(2, false)).isTrue();
        assertThat(store.delete(4, true)).isTrue();
        assertThat(store.delete(4, false)).isFalse();
        assertThat(store.delete(9, false)).isFalse();
        reopen();

        assertThat(store.deletedSequences()).containsExactly(2L, 4L);
        assertThat(store.state().numDeleted()).isEqualTo(2);
        assertThat(store.state().messages()).isEqualTo(3);
        assertThat(store.get(4)).isNull();
        assertThat(store.nextMatching(">", 2).sequence()).isEqualTo(3);
        assertThat(store.subjectCounts(">")).isEqualTo(Map.of("a", 1L, "c", 1L, "e", 1L));
    }

    @Test
    void deletingTheFirstMessagesMovesTheFirstSequence() {
        store();
        appendEach(store, "a", "b", "c");

        store.delete(1, false);
        store.delete(2, false);
        reopen();

        assertThat(store.state().firstSeq()).isEqualTo(3);
        assertThat(store.deletedSequences()).isEmpty();
    }

    @Test
    void deletingEveryMessageKeepsTheLastSequence() {
        store();
        appendEach(store, "a", "b", "c");

        store.delete(3, false);
        store.delete(1, false);
        store.delete(2, true);
        reopen();

        var state = store.state();
        assertThat(state.messages()).isZero();
        assertThat(state.lastSeq()).isEqualTo(3);
        assertThat(state.firstSeq()).isEqualTo(4);
        assertThat(state.numDeleted()).isZero();
        assertThat(append(store, "d", "x")).isEqualTo(4);
    }

    @Test
    void purgesEverythingAndMovesTheFirstSequencePastTheLast() {
        store();
        appendEach(store, "a", "b", "c");

        assertThat(store.purge(null, 0, 0)).isEqualTo(3);
        reopen();

        assertThat(store.state()).isEqualTo(new StreamState(0, 0, 4, 0, 3, 1_000, 0, 0));
        assertThat(append(store, "d", "x")).isEqualTo(4);
        assertThat(store.purge(">", 0, 0)).isEqualTo(1);
        assertThat(store.purge(null, 0, 0)).isZero();
    }

    @Test
    void purgesASubjectAndMovesTheFirstSequenceWhenLeadingMessagesGo() {
        store();
        appendEach(store, "a", "a", "b", "a", "c");

        assertThat(store.purge("a", 0, 0)).isEqualTo(3);
        reopen();

        assertThat(store.state().firstSeq()).isEqualTo(3);
        assertThat(store.state().messages()).isEqualTo(2);
        assertThat(store.deletedSequences()).containsExactly(4L);
        assertThat(store.subjectCounts(null)).isEqualTo(Map.of("b", 1L, "c", 1L));
    }

    @Test
    void purgesByWildcardUpToASequence() {
        store();
        appendEach(store, "a.1", "b.1", "a.2", "a.3", "a.4");

        assertThat(store.purge("a.*", 4, 0)).isEqualTo(2);

        assertThat(store.subjectCounts("a.*")).isEqualTo(Map.of("a.3", 1L, "a.4", 1L));
        assertThat(store.purge(null, 5, 0)).isEqualTo(2);
        assertThat(store.state().firstSeq()).isEqualTo(5);
        assertThat(store.purge(null, 1, 0)).isZero();
    }

    @Test
    void purgesKeepingTheNewestMatching() {
        store();
        appendEach(store, "a.1", "b", "a.2", "a.1", "b", "a.3");

        assertThat(store.purge("a.*", 0, 2)).isEqualTo(2);
        assertThat(store.subjectCounts("a.>")).isEqualTo(Map.of("a.1", 1L, "a.3", 1L));
        assertThat(store.purge(null, 0, 1)).isEqualTo(3);
        reopen();

        assertThat(store.state().firstSeq()).isEqualTo(6);
        assertThat(store.purge(null, 0, 5)).isZero();
    }

    @Test
    void purgeBoundPastTheLastSequenceMovesTheSequencesOn() {
        store();
        appendEach(store, "a", "b");

        assertThat(store.purge(null, 10, 0)).isEqualTo(2);
        reopen();

        assertThat(store.state().firstSeq()).isEqualTo(10);
        assertThat(store.state().lastSeq()).isEqualTo(9);
        assertThat(append(store, "c", "x")).isEqualTo(10);
    }

    @Test
    void discardOldEvictsTheOldestBeyondMaxMsgs() {
        store(new StoreLimits(3, 0, 0, 0, true));

        appendEach(store, "a", "b", "c", "d", "e");

        assertThat(store.state().messages()).isEqualTo(3);
        assertThat(store.state().firstSeq()).isEqualTo(3);
    }

    @Test
    void withoutDiscardOldTheTotalsEvictNothing() {
        store(new StoreLimits(2, 10, 0, 0, false));

        appendEach(store, "a", "b", "c");

        assertThat(store.state().messages()).isEqualTo(3);
    }

    @Test
    void discardOldEvictsTheOldestBeyondMaxBytes() {
        var size = messageSize("a", null, new byte[1]);
        store(new StoreLimits(0, 2 * size + 1, 0, 0, true));

        appendEach(store, "a", "a", "a", "a");

        assertThat(store.state().messages()).isEqualTo(2);
        assertThat(store.state().bytes()).isEqualTo(2 * size);
        assertThat(store.state().firstSeq()).isEqualTo(3);
    }

    @Test
    void expiresMessagesOlderThanMaxAge() {
        store(new StoreLimits(0, 0, 100, 0, true));
        store.append("a", null, new byte[1], 1_000);
        store.append("a", null, new byte[1], 1_050);
        store.append("b", null, new byte[1], 1_200);

        assertThat(store.expire(1_099)).isZero();
        assertThat(store.expire(1_100)).isEqualTo(1);
        assertThat(store.expire(1_160)).isEqualTo(1);
        reopen();

        assertThat(store.state().firstSeq()).isEqualTo(3);
        assertThat(store.state().firstTimestampNanos()).isEqualTo(1_200);
    }

    @Test
    void evictsASubjectsOldestBeyondMaxMsgsPerSubject() {
        store(new StoreLimits(0, 0, 0, 2, false));

        appendEach(store, "a", "b", "a", "a", "b", "a");

        assertThat(store.subjectCounts(">")).isEqualTo(Map.of("a", 2L, "b", 2L));
        assertThat(store.nextMatching("a", 0).sequence()).isEqualTo(4);
        assertThat(store.deletedSequences()).containsExactly(3L);
    }

    @Test
    void appliesNewLimitsAtOnce() {
        store();
        appendEach(store, "a", "b", "a", "a", "b", "c");

        store.updateLimits(new StoreLimits(0, 0, 0, 1, true));
        assertThat(store.subjectCounts(null)).isEqualTo(Map.of("a", 1L, "b", 1L, "c", 1L));
        store.updateLimits(new StoreLimits(2, 0, 0, 1, true));

        assertThat(store.state().messages()).isEqualTo(2);
        assertThat(store.state().firstSeq()).isEqualTo(5);
    }

    @Test
    void countsPendingMessagesFromASequence() {
        store();
        appendEach(store, "a.1", "b.1", "a.2", "a.1", "c", "a.1");
        store.delete(3, false);

        assertThat(store.numPending(1, List.of(), false)).isEqualTo(5);
        assertThat(store.numPending(0, List.of(), false)).isEqualTo(5);
        assertThat(store.numPending(4, List.of(), false)).isEqualTo(3);
        assertThat(store.numPending(6, List.of(), false)).isEqualTo(1);
        assertThat(store.numPending(7, List.of(), false)).isZero();
        assertThat(store.numPending(2, List.of(">"), false)).isEqualTo(4);
    }

    @Test
    void countsPendingMessagesMatchingAnyFilter() {
        store();
        appendEach(store, "a.1", "b.1", "a.2", "a.1", "c", "a.1");

        assertThat(store.numPending(1, List.of("a.1"), false)).isEqualTo(3);
        assertThat(store.numPending(2, List.of("a.*"), false)).isEqualTo(3);
        assertThat(store.numPending(1, List.of("a.1", "c"), false)).isEqualTo(4);
        assertThat(store.numPending(1, List.of("a.*", "a.1", "b.>"), false)).isEqualTo(5);
        assertThat(store.numPending(1, List.of("d"), false)).isZero();
    }

    @Test
    void countsDistinctSubjectsForLastPerSubject() {
        store();
        appendEach(store, "a.1", "b.1", "a.2", "a.1", "c", "a.1");

        assertThat(store.numPending(1, List.of(), true)).isEqualTo(4);
        assertThat(store.numPending(1, List.of("a.*"), true)).isEqualTo(2);
        assertThat(store.numPending(4, List.of("a.*"), true)).isEqualTo(1);
        assertThat(store.numPending(4, List.of(), true)).isEqualTo(2);
        assertThat(store.numPending(1, List.of("a.1", "a.>"), true)).isEqualTo(2);
    }

    @Test
    void countsMessagesBySubject() {
        store();
        appendEach(store, "a.1", "b.1", "a.2", "a.1");

        assertThat(store.subjectCounts("a.*")).isEqualTo(Map.of("a.1", 2L, "a.2", 1L));
        assertThat(store.subjectCounts("a.1")).isEqualTo(Map.of("a.1", 2L));
        assertThat(store.subjectCounts("x")).isEmpty();
        assertThat(store.subjectCounts(">")).hasSize(3);
        assertThat(store.state().numSubjects()).isEqualTo(3);
    }

    @Test
    void startsAtAChosenSequence() {
        store();

        store.startAt(100);
        reopen();

        assertThat(store.state().firstSeq()).isEqualTo(100);
        assertThat(store.state().lastSeq()).isEqualTo(99);
        assertThat(append(store, "a", "x")).isEqualTo(100);
        assertThatThrownBy(() -> store.startAt(500)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesToStartBelowTheLastSequence() {
        store();
        appendEach(store, "a", "b");
        store.purge(null, 0, 0);

        assertThatThrownBy(() -> store.startAt(2)).isInstanceOf(IllegalStateException.class);
        store.startAt(5);
        assertThat(append(store, "c", "x")).isEqualTo(5);
    }

    @Test
    void readersSeeEveryMessageWholeWhileTheWriterAppends() throws Exception {
        store();
        var count = 500;
        var failures = new ConcurrentLinkedQueue<Throwable>();
        var done = new AtomicBoolean();
        var readers = new ArrayList<Thread>();
        for (var r = 0; r < 2; r++) {
            readers.add(Thread.ofPlatform().start(() -> {
                try {
                    while (!done.get()) {
                        var last = store.state().lastSeq();
                        for (var sequence = Math.max(1, last - 50); sequence <= last; sequence++) {
                            var message = store.get(sequence);
                            assertThat(message).isNotNull();
                            assertThat(payload(message)).isEqualTo("payload-" + sequence);
                        }
                        assertThat(store.numPending(1, List.of("s.*"), false)).isGreaterThanOrEqualTo(last);
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }

        for (var sequence = 1; sequence <= count; sequence++) {
            append(store, "s." + (sequence % 10), "payload-" + sequence);
            if (sequence % 100 == 0) {
                store.sync();
            }
        }
        done.set(true);
        for (var reader : readers) {
            reader.join();
        }

        assertThat(failures).isEmpty();
        assertThat(store.state().messages()).isEqualTo(count);
    }

    @Test
    void refusesCallsOnceClosed() {
        var closed = store();
        appendEach(closed, "a");

        closed.close();

        assertThatThrownBy(() -> appendEach(closed, "b")).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> closed.get(1)).isInstanceOf(StoreException.class);
        closed.close();
    }
}
