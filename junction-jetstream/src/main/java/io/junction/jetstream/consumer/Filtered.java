package io.junction.jetstream.consumer;

import io.junction.jetstream.store.MessageStore;
import io.junction.jetstream.store.StoredMessage;
import java.util.List;

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
}
