package io.junction.jetstream.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToLongFunction;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Both stores against {@link ReferenceStore} over random operations: appends, deletes, erases, purges, expiry,
 * changes of limits and of compression, compactions, syncs, and for the file store closes and reopens, and abandons
 * without a sync as a killed process would, with small segments so that segments roll, get compacted and get removed.
 * After every step every query must answer as the model does, which compaction and compression never change.
 */
class MessageStorePropertyTest {
    private static final int SEGMENT_BYTES = 300;
    private static final List<String> SUBJECTS = List.of("a", "b", "a.x", "a.y", "b.x.z");
    private static final List<String> FILTERS = List.of(">", "a", "a.*", "*.x", "b.>", "a.x", "c", "*");
    private static final List<StoreLimits> LIMITS = List.of(
            StoreLimits.NONE,
            new StoreLimits(5, 0, 0, 0, true),
            new StoreLimits(0, 0, 0, 2, false),
            new StoreLimits(0, 200, 0, 0, true),
            new StoreLimits(8, 0, 50, 3, true));
    private static final ToLongFunction<StoredMessage> FILE_SIZE =
            message -> StoreLimits.fileMessageSize(message.subject(), message.headers(), message.payload());

    sealed interface Step {}

    record Append(int subject, int payloadSize, boolean headers) implements Step {}

    record Delete(int pick, boolean erase) implements Step {}

    /** Deletes a run of sequences but every {@code keepEvery}th, as a work queue or a KV bucket leaves a segment. */
    record DeleteRun(int pick, int length, int keepEvery) implements Step {}

    record Purge(int filter, int upTo, int keep) implements Step {}

    record Expire(int age) implements Step {}

    record Limits(int limits) implements Step {}

    record Sync() implements Step {}

    record Reopen(boolean abandon) implements Step {}

    record Compact() implements Step {}

    record Compress(boolean s2) implements Step {}

    @Property(tries = 200)
    void fileStoreAnswersAsTheModelDoes(@ForAll("steps") List<Step> steps) throws IOException {
        var directory = Files.createTempDirectory("file-store-property");
        try {
            run(steps, directory, FILE_SIZE);
            // compactions that rewrote a segment must be among the steps, or the property proves nothing of them
            Statistics.label("compacted")
                    .coverage(coverage -> coverage.check(true).count(count -> count >= 5));
        } finally {
            deleteRecursively(directory);
        }
    }

    @Property(tries = 300)
    void memoryStoreAnswersAsTheModelDoes(@ForAll("steps") List<Step> steps) {
        run(steps, null, StoredMessage::storedSize);
    }

    /** @param directory the file store's, or null for a memory store */
    private void run(List<Step> steps, Path directory, ToLongFunction<StoredMessage> sizeOf) {
        var model = new ReferenceStore(StoreLimits.NONE, sizeOf);
        var compression = StoreCompression.NONE;
        MessageStore store = directory == null
                ? new MemoryStore(StoreLimits.NONE)
                : FileStore.open(directory, StoreLimits.NONE, SEGMENT_BYTES, compression);
        var clock = 1_000L;
        try {
            for (var step : steps) {
                clock += 10;
                switch (step) {
                    case Append a -> {
                        var subject = SUBJECTS.get(a.subject());
                        var headers = a.headers() ? MessageStoreBehaviourTest.HEADERS : null;
                        var payload = new byte[a.payloadSize()];
                        payload[0] = (byte) clock;
                        assertThat(store.append(subject, headers, payload, clock))
                                .isEqualTo(model.append(subject, headers, payload, clock));
                    }
                    case Delete d -> {
                        var sequence = d.pick() % (model.lastSequence + 2);
                        assertThat(store.delete(sequence, d.erase())).isEqualTo(model.delete(sequence));
                    }
                    case DeleteRun d -> {
                        var from = d.pick() % (model.lastSequence + 2);
                        for (var sequence = from; sequence < from + d.length(); sequence++) {
                            if (sequence % d.keepEvery() != 0) {
                                assertThat(store.delete(sequence, false)).isEqualTo(model.delete(sequence));
                            }
                        }
                    }
                    case Purge p -> {
                        var filter = p.filter() < FILTERS.size() ? FILTERS.get(p.filter()) : null;
                        var upTo = p.upTo() == 0 ? 0 : p.upTo() % (model.lastSequence + 4);
                        assertThat(store.purge(filter, upTo, p.keep())).isEqualTo(model.purge(filter, upTo, p.keep()));
                    }
                    case Expire e -> assertThat(store.expire(clock + e.age())).isEqualTo(model.expire(clock + e.age()));
                    case Limits l -> {
                        store.updateLimits(LIMITS.get(l.limits()));
                        model.updateLimits(LIMITS.get(l.limits()));
                    }
                    case Sync s -> store.sync();
                    case Compact c -> {
                        var reclaimed = store.compactSegments();
                        if (directory != null) {
                            Statistics.label("compacted").collect(reclaimed > 0);
                        }
                    }
                    case Compress c -> {
                        compression = c.s2() ? StoreCompression.S2 : StoreCompression.NONE;
                        store.updateCompression(compression);
                    }
                    case Reopen r -> {
                        if (directory != null) {
                            if (r.abandon()) {
                                ((FileStore) store).abandon();
                            } else {
                                store.close();
                            }
                            store = FileStore.open(directory, model.limits, SEGMENT_BYTES, compression);
                        }
                    }
                }
                assertSameAnswers(store, model);
            }
        } finally {
            store.close();
        }
    }

    private static void assertSameAnswers(MessageStore store, ReferenceStore model) {
        assertThat(store.state()).isEqualTo(model.state());
        assertThat(store.deletedSequences()).isEqualTo(model.deletedSequences());
        for (var sequence = 0L; sequence <= model.lastSequence + 1; sequence++) {
            assertSameMessage(store.get(sequence), model.messages.get(sequence));
        }
        for (var filter : FILTERS) {
            assertThat(store.subjectCounts(filter)).isEqualTo(model.subjectCounts(filter));
            assertSameMessage(store.lastMatching(filter), model.lastMatching(filter));
            for (var from = 0L; from <= model.lastSequence + 1; from += 3) {
                assertSameMessage(store.nextMatching(filter, from), model.nextMatching(filter, from));
                assertThat(store.numPending(from, List.of(filter), false))
                        .isEqualTo(model.numPending(from, List.of(filter), false));
                assertThat(store.numPending(from, List.of(filter, "a.x"), true))
                        .isEqualTo(model.numPending(from, List.of(filter, "a.x"), true));
            }
        }
        assertThat(store.numPending(2, List.of(), false)).isEqualTo(model.numPending(2, List.of(), false));
        assertThat(store.numPending(2, List.of(), true)).isEqualTo(model.numPending(2, List.of(), true));
    }

    private static void assertSameMessage(StoredMessage actual, StoredMessage expected) {
        if (expected == null) {
            assertThat(actual).isNull();
            return;
        }
        assertThat(actual).isNotNull();
        assertThat(actual.sequence()).isEqualTo(expected.sequence());
        assertThat(actual.subject()).isEqualTo(expected.subject());
        assertThat(actual.headers()).isEqualTo(expected.headers());
        assertThat(actual.payload()).isEqualTo(expected.payload());
        assertThat(actual.timestampNanos()).isEqualTo(expected.timestampNanos());
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        var index = Arbitraries.integers().between(0, 1000);
        Arbitrary<Step> append = Combinators.combine(
                        Arbitraries.integers().between(0, SUBJECTS.size() - 1),
                        Arbitraries.integers().between(1, 40),
                        Arbitraries.of(true, false))
                .as(Append::new);
        Arbitrary<Step> delete =
                Combinators.combine(index, Arbitraries.of(true, false)).as(Delete::new);
        Arbitrary<Step> deleteRun = Combinators.combine(
                        index,
                        Arbitraries.integers().between(2, 30),
                        Arbitraries.integers().between(2, 6))
                .as(DeleteRun::new);
        Arbitrary<Step> purge = Combinators.combine(
                        Arbitraries.integers().between(0, FILTERS.size()),
                        Arbitraries.integers().between(0, 1000).injectDuplicates(0.5),
                        Arbitraries.of(0, 0, 0, 1, 2, 5))
                .as(Purge::new);
        Arbitrary<Step> expire = Arbitraries.integers().between(-60, 60).map(Expire::new);
        Arbitrary<Step> limits =
                Arbitraries.integers().between(0, LIMITS.size() - 1).map(Limits::new);
        Arbitrary<Step> reopen = Arbitraries.of(true, false).map(Reopen::new);
        Arbitrary<Step> compress = Arbitraries.of(true, false).map(Compress::new);
        return Arbitraries.frequencyOf(
                        Tuple.of(40, append),
                        Tuple.of(12, delete),
                        Tuple.of(4, deleteRun),
                        Tuple.of(4, purge),
                        Tuple.of(3, expire),
                        Tuple.of(2, limits),
                        Tuple.of(4, Arbitraries.just(new Sync())),
                        Tuple.of(5, reopen),
                        Tuple.of(8, Arbitraries.just(new Compact())),
                        Tuple.of(2, compress))
                .list()
                .ofMinSize(1)
                .ofMaxSize(80);
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (var paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
