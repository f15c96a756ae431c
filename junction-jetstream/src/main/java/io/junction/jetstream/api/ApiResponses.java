package io.junction.jetstream.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Builds API responses with their {@code type} and the error shape of ADR-7. */
public final class ApiResponses {
    private static final String PREFIX = "io.nats.jetstream.api.v1.";

    private ApiResponses() {}

    public static ObjectNode ofType(String type) {
        var json = Json.object();
        json.put("type", PREFIX + type);
        return json;
    }

    /**
     * An error response, with the fields nats-server's response struct of that type writes even when they are empty
     * (those without {@code omitempty}), since Go encodes the whole struct whatever the outcome.
     */
    public static ObjectNode error(String type, ApiError error) {
        var json = ofType(type);
        var err = json.putObject("error");
        err.put("code", error.code());
        err.put("err_code", error.errCode());
        err.put("description", error.description());
        switch (type) {
            case "stream_info_response" -> paged(json);
            // nats-server starts the lists empty, but never the stream names
            case "stream_names_response" -> paged(json).putNull("streams");
            case "stream_list_response" -> paged(json).putArray("streams");
            case "consumer_names_response", "consumer_list_response" ->
                paged(json).putArray("consumers");
            case "stream_purge_response" -> json.put("purged", 0);
            case "stream_restore_response" -> json.put("deliver_subject", "");
            default -> {}
        }
        return json;
    }

    /** nats-server's {@code ApiPaged}, all zero. */
    private static ObjectNode paged(ObjectNode json) {
        json.put("total", 0);
        json.put("offset", 0);
        json.put("limit", 0);
        return json;
    }
}
