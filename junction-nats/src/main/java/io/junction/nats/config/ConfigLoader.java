package io.junction.nats.config;

import io.junction.nats.server.ServerOptions;
import java.nio.file.Path;

/** Reads a {@code nats.conf} file into server options, as nats-server reads it. */
public final class ConfigLoader {
    private ConfigLoader() {}

    /**
     * Parses the file and applies every setting it holds on top of nats-server's defaults.
     *
     * @throws ConfigException naming the file, line and problem when the file cannot be read or is invalid
     */
    public static ServerOptions.Builder load(Path file) {
        throw new ConfigException(file + ": configuration files are not read yet");
    }
}
