package io.junction.jetstream;

import com.fasterxml.jackson.databind.JsonNode;
import io.junction.jetstream.api.ApiError;
import io.junction.jetstream.api.Json;
import io.junction.jetstream.store.MessageStore;
import io.junction.jetstream.store.StoredMessage;

/** Finds the message a get request names: {@code seq}, {@code last_by_subj}, or {@code next_by_subj} from a seq. */
final class MessageLookup {
    private MessageLookup() {}

    static StoredMessage find(MessageStore store, JsonNode request) {
        var sequence = Json.unsigned(request, "seq", 0);
        var last = Json.text(request, "last_by_subj", null);
        var next = Json.text(request, "next_by_subj", null);
        if (sequence == 0 && last == null && next == null || last != null && (sequence > 0 || next != null)) {
            throw ApiError.BAD_REQUEST.exception();
        }
        StoredMessage message;
        if (last != null) {
            message = store.lastMatching(last);
        } else if (next != null) {
            message = store.nextMatching(next, Math.max(sequence, 1));
        } else {
            message = store.get(sequence);
        }
        if (message == null) {
            throw ApiError.NO_MESSAGE_FOUND.exception();
        }
        return message;
    }
}
