package io.junction.cli.nats.stream;

import io.junction.cli.nats.CliException;
import io.junction.cli.nats.JsonOutput;
import io.nats.client.api.StreamConfiguration;
import java.nio.file.Path;

/** A stream configuration from a JSON file, as {@code stream info --json} prints its {@code config}. */
final class StreamConfigFile {
    private StreamConfigFile() {}

    static StreamConfiguration.Builder read(Path file, String name) {
        var json = JsonOutput.readObject(file);
        if (json.has("config") && json.get("config").isObject() && !json.has("subjects")) {
            json = (com.fasterxml.jackson.databind.node.ObjectNode) json.get("config");
        }
        if (name != null) {
            json.put("name", name);
        }
        try {
            return StreamConfiguration.builder(StreamConfiguration.instance(JsonOutput.pretty(json)));
        } catch (Exception e) {
            throw new CliException("invalid stream configuration in " + file + ": " + e.getMessage(), e);
        }
    }
}
