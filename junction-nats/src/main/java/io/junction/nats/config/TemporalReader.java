package io.junction.nats.config;

import io.junction.nats.config.ConfigValue.BoolValue;
import io.junction.nats.server.ServerOptions.TemporalOptions;

/**
 * Reads Junction's own {@code temporal} block, which nats-server does not know: {@code temporal { port: 7233, host:
 * 127.0.0.1, db: "jdbc:postgresql://..." }}, or {@code temporal: false} to turn the Temporal service off.
 */
final class TemporalReader {
    private TemporalReader() {}

    /**
     * @throws ConfigException at an unknown field or a value of the wrong type
     */
    static TemporalOptions read(Setting setting) {
        if (setting.value() instanceof BoolValue flag) {
            return flag.value() ? TemporalOptions.UNSET : new TemporalOptions(null, 0, null);
        }
        String host = null;
        Integer port = null;
        String db = null;
        for (var entry : setting.map().entries()) {
            var field = Setting.of(entry);
            switch (field.name()) {
                case "host" -> host = field.string();
                case "port" -> port = port(field);
                case "db" -> db = field.string();
                default -> {
                    if (!entry.isUsedAsVariable()) {
                        throw field.problem("unknown field \"" + entry.key() + "\"");
                    }
                }
            }
        }
        return new TemporalOptions(host, port, db);
    }

    private static int port(Setting setting) {
        var port = setting.int32();
        if (port < 0 || port > 65_535) {
            throw setting.problem("temporal port must be between 0 (off) and 65535, got " + port);
        }
        return port;
    }
}
