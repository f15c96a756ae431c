package io.junction.cli.nats.context;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One nats CLI context: the JSON object stored in {@code nats/context/<name>.json}. The object is kept whole, so
 * fields this CLI does not use (TLS files, JetStream domains, inbox prefixes) survive an edit and stay readable by
 * the nats CLI. Writing fills in every known key, as the nats CLI does, so people editing the file see them all.
 */
public final class NatsContext {
    /** The keys the nats CLI writes, in its order. */
    static final List<String> KEYS = List.of(
            "description",
            "url",
            "socks_proxy",
            "token",
            "user",
            "password",
            "creds",
            "nkey",
            "cert",
            "key",
            "ca",
            "nsc",
            "jetstream_domain",
            "jetstream_api_prefix",
            "jetstream_event_prefix",
            "inbox_prefix",
            "user_jwt",
            "color_scheme",
            "tls_first");

    private final String name;
    private final ObjectNode fields;

    NatsContext(String name, ObjectNode fields) {
        this.name = name;
        this.fields = fields;
    }

    /** A new, empty context. */
    public static NatsContext empty(String name) {
        return new NatsContext(name, JsonNodeFactory.instance.objectNode());
    }

    public String name() {
        return name;
    }

    /** The value of a string field, or null when it is missing or empty. */
    public String get(String key) {
        var value = fields.get(key);
        if (value == null || value.isNull() || value.asText().isEmpty()) {
            return null;
        }
        return value.asText();
    }

    /** Sets a string field; a null value leaves the field as it was. */
    public NatsContext set(String key, String value) {
        if (value != null) {
            fields.put(key, value);
        }
        return this;
    }

    public String description() {
        return get("description");
    }

    public String url() {
        return get("url");
    }

    /** The object to write: every known key, then whatever else the file held. */
    ObjectNode toJson() {
        var out = JsonNodeFactory.instance.objectNode();
        for (var key : KEYS) {
            JsonNode value = fields.get(key);
            if (value != null) {
                out.set(key, value);
            } else if (key.equals("tls_first")) {
                out.put(key, false);
            } else {
                out.put(key, "");
            }
        }
        fields.properties().forEach(entry -> {
            if (!out.has(entry.getKey())) {
                out.set(entry.getKey(), entry.getValue());
            }
        });
        return out;
    }
}
