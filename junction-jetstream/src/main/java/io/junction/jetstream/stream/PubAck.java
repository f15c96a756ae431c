package io.junction.jetstream.stream;

import io.junction.jetstream.api.ApiError;
import io.junction.jetstream.api.Json;

/** The reply to a JetStream publish: the stored sequence, or the error that refused it. */
record PubAck(String stream, long sequence, boolean duplicate, ApiError error) {
    static PubAck stored(String stream, long sequence) {
        return new PubAck(stream, sequence, false, null);
    }

    static PubAck duplicate(String stream, long sequence) {
        return new PubAck(stream, sequence, true, null);
    }

    static PubAck refused(String stream, ApiError error) {
        return new PubAck(stream, 0, false, error);
    }

    byte[] json() {
        var json = Json.object();
        if (error != null) {
            var err = json.putObject("error");
            err.put("code", error.code());
            err.put("err_code", error.errCode());
            err.put("description", error.description());
        }
        json.put("stream", stream);
        json.put("seq", sequence);
        if (duplicate) {
            json.put("duplicate", true);
        }
        return Json.bytes(json);
    }
}
