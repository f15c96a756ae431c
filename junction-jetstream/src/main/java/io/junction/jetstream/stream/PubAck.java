package io.junction.jetstream.stream;

import io.junction.jetstream.api.ApiError;
import io.junction.jetstream.api.Json;

/**
 * The reply to a JetStream publish: the stored sequence, or the error that refused it.
 *
 * @param answered false for a refusal nats-server drops without a reply (a bad {@code Nats-Rollup} value)
 */
record PubAck(String stream, long sequence, boolean duplicate, ApiError error, boolean answered) {
    static PubAck stored(String stream, long sequence) {
        return new PubAck(stream, sequence, false, null, true);
    }

    static PubAck duplicate(String stream, long sequence) {
        return new PubAck(stream, sequence, true, null, true);
    }

    static PubAck refused(String stream, ApiError error) {
        return new PubAck(stream, 0, false, error, true);
    }

    static PubAck unanswered(String stream, ApiError error) {
        return new PubAck(stream, 0, false, error, false);
    }

    /** @param domain the JetStream domain, named in a stored message's ack as nats-server does; null for none */
    byte[] json(String domain) {
        var json = Json.object();
        if (error != null) {
            var err = json.putObject("error");
            err.put("code", error.code());
            err.put("err_code", error.errCode());
            err.put("description", error.description());
        }
        json.put("stream", stream);
        // nats-server names the domain in its acks of stored messages and duplicates, never in refusals.
        if (domain != null && error == null) {
            json.put("domain", domain);
        }
        json.put("seq", sequence);
        if (duplicate) {
            json.put("duplicate", true);
        }
        return Json.bytes(json);
    }
}
