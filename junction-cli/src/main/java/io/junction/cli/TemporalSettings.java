package io.junction.cli;

import io.junction.nats.config.ConfigException;
import io.junction.nats.server.ServerOptions;
import io.junction.temporal.TemporalServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where {@code junction server} serves Temporal and which database holds its workflows: the flags, then the
 * configuration file's {@code temporal {}} block, then the defaults (port 7233 on the NATS host, a SQLite file in the
 * JetStream store directory).
 */
record TemporalSettings(String host, int port, String jdbcUrl, Path defaultStoreDir) {
    static final int DEFAULT_PORT = 7233;
    static final String DATABASE_FILE = "temporal.db";

    /**
     * @throws ConfigException when the port is out of range
     */
    static TemporalSettings of(ServerOptions options) {
        var temporal = options.temporal();
        var port = temporal.port() != null ? temporal.port() : DEFAULT_PORT;
        if (port < 0 || port > 65_535) {
            throw new ConfigException("temporal port must be between 0 (off) and 65535, got " + port);
        }
        var host = temporal.host() != null ? temporal.host() : options.host();
        if (temporal.db() != null) {
            return new TemporalSettings(host, port, temporal.db(), null);
        }
        var storeDir = options.jetStream().storeDir() != null
                ? options.jetStream().storeDir()
                : ServerCommand.DEFAULT_STORE_DIR;
        return new TemporalSettings(host, port, "jdbc:sqlite:" + storeDir.resolve(DATABASE_FILE), storeDir);
    }

    boolean enabled() {
        return port != 0;
    }

    /** Creates the store directory when the database is the default file in it, then starts serving. */
    TemporalServer start() throws IOException {
        if (defaultStoreDir != null) {
            Files.createDirectories(defaultStoreDir);
        }
        return TemporalServer.start(host, port, jdbcUrl);
    }
}
