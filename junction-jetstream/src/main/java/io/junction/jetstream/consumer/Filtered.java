package io.junction.jetstream.consumer;

import io.junction.jetstream.store.MessageStore;
import io.junction.jetstream.store.StoredMessage;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;

/** A store seen through a consumer's filters (none means every subject), for finding where to start and what next. */
record Filtered(MessageStore store, List<String> filters) {
    Filtered {
        filters = filters.isEmpty() ? List.of(">") : List.copyOf(filters);
    }

    /** The first message at or after the sequence that any filter matches. */
    StoredMessage next(long from) {
        StoredMessage best = null;
        for (var filter : filters) {
            var candidate = store.nextMatching(filter, from);
            if (candidate != null && (best == null || candidate.sequence() < best.sequence())) {
                best = candidate;
            }
        }
        return best;
    }

    StoredMessage last() {
        StoredMessage best = null;
        for (var filter : filters) {
            var candidate = store.lastMatching(filter);
            if (candidate != null && (best == null || candidate.sequence() > best.sequence())) {
                best = candidate;
            }
        }
        return best;
    }

    /**
     * The cursor (last sequence considered delivered) a new consumer starts from, filling {@code lastPerSubject} with
     * the sequences to deliver first for {@code last_per_subject}.
     */
    long startCursor(ConsumerConfig config, TreeSet<Long> lastPerSubject) {
        var state = store.state();
        var cursor =
                switch (config.deliverPolicy()) {
                    case ALL -> state.firstSeq() - 1;
                    case NEW -> state.lastSeq();
                    case LAST -> {
                        var last = last();
                        yield last == null ? state.lastSeq() : last.sequence() - 1;
                    }
                    case BY_START_SEQUENCE -> Math.max(config.optStartSeq(), state.firstSeq()) - 1;
                    case BY_START_TIME -> firstAtOrAfter(Instant.parse(config.optStartTime())) - 1;
                    case LAST_PER_SUBJECT -> {
                        for (var filter : filters) {
                            for (var subject : store.subjectCounts(filter).keySet()) {
                                var last = store.lastSequenceOf(subject);
                                if (last > 0) {
                                    lastPerSubject.add(last);
                                }
                            }
                        }
                        yield state.lastSeq();
                    }
                };
        return Math.max(cursor, 0);
    }

    private long firstAtOrAfter(Instant start) {
        var nanos = start.getEpochSecond() * 1_000_000_000L + start.getNano();
        var message = next(store.state().firstSeq());
        while (message != null && message.timestampNanos() < nanos) {
            message = next(message.sequence() + 1);
        }
        return message == null ? store.state().lastSeq() + 1 : message.sequence();
    }
}
