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

    public static ObjectNode error(String type, ApiError error) {
        var json = ofType(type);
        var err = json.putObject("error");
        err.put("code", error.code());
        err.put("err_code", error.errCode());
        err.put("description", error.description());
        return json;
    }
}
