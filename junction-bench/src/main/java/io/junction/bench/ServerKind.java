package io.junction.bench;

import java.util.List;

/** The two servers compared, in the order their columns appear. */
enum ServerKind {
    NATS_SERVER("nats-server", "nats_server"),
    JUNCTION("Junction", "junction");

    private final String label;
    private final String key;

    ServerKind(String label, String key) {
        this.label = label;
        this.key = key;
    }

    String label() {
        return label;
    }

    String key() {
        return key;
    }

    List<String> command(BenchOptions options, int port) {
        return switch (this) {
            case NATS_SERVER -> ServerLaunch.natsServer(options, port);
            case JUNCTION -> ServerLaunch.junction(options, port);
        };
    }
}
