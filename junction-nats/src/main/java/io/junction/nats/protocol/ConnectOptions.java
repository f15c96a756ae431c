package io.junction.nats.protocol;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The fields of a client's CONNECT. Fields the client leaves out take nats-server's defaults: verbose, pedantic and
 * echo on, everything else off or empty. Read as Go's JSON decoding reads it into nats-server's options: field names
 * in any case, the last of repeated fields winning, {@code null} leaving the defaults, anything after the value
 * refused.
 */
public record ConnectOptions(
        boolean verbose,
        boolean pedantic,
        boolean tlsRequired,
        String authToken,
        String user,
        String pass,
        String name,
        String lang,
        String version,
        int protocol,
        boolean echo,
        boolean headers,
        boolean noResponders) {
    public static final ConnectOptions DEFAULTS =
            new ConnectOptions(true, true, false, null, null, null, null, null, null, 0, true, false, false);
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /**
     * Parses a CONNECT's JSON.
     *
     * @throws IllegalArgumentException when it is not a JSON object or a field has the wrong type
     */
    public static ConnectOptions parse(String json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("CONNECT is not valid JSON: " + e.getMessage(), e);
        }
        if (node != null && node.isNull()) {
            return DEFAULTS;
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("CONNECT is not a JSON object");
        }
        return new ConnectOptions(
                bool(node, "verbose", DEFAULTS.verbose),
                bool(node, "pedantic", DEFAULTS.pedantic),
                bool(node, "tls_required", false),
                text(node, "auth_token"),
                text(node, "user"),
                text(node, "pass"),
                text(node, "name"),
                text(node, "lang"),
                text(node, "version"),
                integer(node, "protocol"),
                bool(node, "echo", DEFAULTS.echo),
                bool(node, "headers", false),
                bool(node, "no_responders", false));
    }

    /** The field's value, its name matched regardless of case, the last one when repeated; or null. */
    private static JsonNode field(JsonNode node, String field) {
        JsonNode found = null;
        for (var entry : node.properties()) {
            if (entry.getKey().equalsIgnoreCase(field)) {
                found = entry.getValue();
            }
        }
        return found;
    }

    /**
     * Whether a client's INFO reads as nats-server's Info struct: a JSON object, or null. The types of its fields
     * are not checked, where nats-server would refuse, say, a string port.
     */
    public static boolean isReadableInfo(String json) {
        try {
            var node = JSON.readTree(json);
            return node != null && (node.isObject() || node.isNull());
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static boolean bool(JsonNode node, String field, boolean fallback) {
        var value = field(node, field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw new IllegalArgumentException("CONNECT field " + field + " is not a boolean");
        }
        return value.booleanValue();
    }

    private static String text(JsonNode node, String field) {
        var value = field(node, field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException("CONNECT field " + field + " is not a string");
        }
        return value.textValue();
    }

    /** A Go int, 64 bits wide, clamped into an int: out of int's range it is as out of range for the caller. */
    private static int integer(JsonNode node, String field) {
        var value = field(node, field);
        if (value == null || value.isNull()) {
            return 0;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new IllegalArgumentException("CONNECT field " + field + " is not a 64-bit integer");
        }
        return Math.clamp(value.longValue(), Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    @Override
    public String toString() {
        return "ConnectOptions[name=" + name + ", lang=" + lang + ", version=" + version + ", protocol=" + protocol
                + ", verbose=" + verbose + ", pedantic=" + pedantic + ", echo=" + echo + ", headers=" + headers
                + ", no_responders=" + noResponders + ", user=" + user + "]";
    }
}
