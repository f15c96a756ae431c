package io.junction.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The servers the JetStream benchmark starts, each with JetStream on and a fresh store directory of its own. Both
 * Junctions fill the Junction column of their rows; nats-server is the reference of every row.
 */
enum JetStreamTarget {
    NATS_SERVER("nats-server", "nats_server"),
    /** Junction as it runs by default: a publish is acknowledged after the fsync that covers it. */
    JUNCTION("Junction", "junction"),
    /** Junction acknowledging before the fsync and syncing this often, as nats-server 2.9 does. */
    JUNCTION_SYNC_INTERVAL("Junction (sync_interval 2m)", "junction_sync_interval");

    static final String SYNC_INTERVAL = "2m";
    static final String CONFIG_FILE = "junction.conf";

    private final String label;
    private final String key;

    JetStreamTarget(String label, String key) {
        this.label = label;
        this.key = key;
    }

    String label() {
        return label;
    }

    String key() {
        return key;
    }

    /** The command that starts this server on {@code port}, storing under {@code storeDir}. */
    List<String> command(JetStreamOptions options, int port, Path storeDir) throws IOException {
        var store = storeDir.toString();
        return switch (this) {
            case NATS_SERVER ->
                ServerLaunch.natsServer(
                        ServerLaunch.natsServerBinary(options.natsServer()), port, List.of("-js", "-sd", store));
            case JUNCTION ->
                ServerLaunch.junction(options.junctionJar(), options.junctionJvmOptions(), port, List.of("-sd", store));
            case JUNCTION_SYNC_INTERVAL ->
                ServerLaunch.junction(
                        options.junctionJar(),
                        options.junctionJvmOptions(),
                        port,
                        List.of("-c", syncIntervalConfig(storeDir).toString()));
        };
    }

    /**
     * What the server's log must say about when it syncs, or null when it says nothing of it: Junction logs its
     * sync policy when JetStream starts, and this is how the benchmark knows the configuration took effect.
     */
    String expectedSyncLog() {
        return switch (this) {
            case NATS_SERVER -> null;
            case JUNCTION -> "fsync before every publish ack";
            case JUNCTION_SYNC_INTERVAL -> "fsync every";
        };
    }

    private static Path syncIntervalConfig(Path storeDir) throws IOException {
        var config = storeDir.resolve(CONFIG_FILE);
        var text = "# Written by junction-bench: acknowledge before fsync, as nats-server 2.9 does\n"
                + "jetstream {\n"
                + "    store_dir: \"" + storeDir + "\"\n"
                + "    sync_interval: \"" + SYNC_INTERVAL + "\"\n"
                + "}\n";

        return Files.writeString(config, text, StandardCharsets.UTF_8);
    }
}
