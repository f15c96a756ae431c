package io.junction.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The JetStream benchmark's command line: the load of each scenario and where the servers and their stores come
 * from.
 */
record JetStreamOptions(
        int rounds,
        Duration duration,
        int messageSize,
        int publishers,
        int window,
        int batch,
        int prefill,
        int keys,
        int kvClients,
        Duration warmup,
        Duration drainTimeout,
        boolean json,
        Path junctionJar,
        String natsServer,
        List<String> junctionJvmOptions,
        Path storeParent,
        Set<String> scenarios) {
    static final List<String> ALL_SCENARIOS = List.of("publish", "publish-sync-interval", "fetch", "kv-put", "kv-get");

    static final String USAGE = """
            Usage: bench/jetstream [options]
              --rounds <n>           measured rounds per scenario and server (default 5)
              --seconds <s>          load time of one round, may be fractional (default 3)
              --size <bytes>         payload size of every message and KV value (default 128)
              --publishers <n>       publisher connections for async publish (default 2)
              --window <n>           publishes each publisher keeps waiting for their ack (default 4096)
              --batch <n>            messages asked for by each pull fetch (default 100)
              --prefill <n>          messages in the stream that the fetch scenario reads (default 500000)
              --keys <n>             keys in the KV buckets (default 1000)
              --kv-clients <n>       KV clients, one connection and thread each (default 2)
              --warmup <s>           unmeasured run of every scenario on each server first (default 3; 0 skips)
              --drain-timeout <s>    how long a round waits for its last acks (default 10)
              --scenarios <a,b,..>   a subset of publish,publish-sync-interval,fetch,kv-put,kv-get (default all)
              --store-dir <path>     where each server's fresh store directory is made (default: java.io.tmpdir)
              --junction-jar <path>  Junction's jar (default junction-cli/target/junction.jar)
              --junction-jvm <opts>  JVM options for Junction, space separated (default -Xmx1g)
              --nats-server <path>   nats-server binary (default: on PATH, else /usr/sbin/nats-server)
              --json                 print the results as JSON instead of tables
            """;

    static JetStreamOptions parse(String[] args) {
        var builder = new Builder();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--json")) {
                builder.json = true;
            } else if (i + 1 < args.length) {
                builder.set(args[i], args[++i]);
            } else {
                throw new BenchException("missing value for " + args[i] + "\n" + USAGE);
            }
        }

        return builder.build();
    }

    private static final class Builder {
        int rounds = 5;
        Duration duration = Duration.ofSeconds(3);
        int messageSize = 128;
        int publishers = 2;
        int window = 4096;
        int batch = 100;
        int prefill = 500_000;
        int keys = 1000;
        int kvClients = 2;
        Duration warmup = Duration.ofSeconds(3);
        Duration drainTimeout = Duration.ofSeconds(10);
        boolean json;
        Path junctionJar = Path.of("junction-cli", "target", "junction.jar");
        String natsServer;
        List<String> junctionJvmOptions = List.of("-Xmx1g");
        Path storeParent = Path.of(System.getProperty("java.io.tmpdir"));
        Set<String> scenarios = new LinkedHashSet<>(ALL_SCENARIOS);

        void set(String name, String value) {
            switch (name) {
                case "--rounds" -> rounds = OptionValues.atLeastOne(name, value);
                case "--seconds" -> duration = OptionValues.seconds(name, value);
                case "--size" -> messageSize = OptionValues.whole(name, value);
                case "--publishers" -> publishers = OptionValues.atLeastOne(name, value);
                case "--window" -> window = OptionValues.atLeastOne(name, value);
                case "--batch" -> batch = OptionValues.atLeastOne(name, value);
                case "--prefill" -> prefill = OptionValues.atLeastOne(name, value);
                case "--keys" -> keys = OptionValues.atLeastOne(name, value);
                case "--kv-clients" -> kvClients = OptionValues.atLeastOne(name, value);
                case "--warmup" -> warmup = OptionValues.seconds(name, value);
                case "--drain-timeout" -> drainTimeout = OptionValues.seconds(name, value);
                case "--scenarios" -> scenarios = OptionValues.subset(value, ALL_SCENARIOS);
                case "--store-dir" -> storeParent = Path.of(value);
                case "--junction-jar" -> junctionJar = Path.of(value);
                case "--junction-jvm" ->
                    junctionJvmOptions = List.of(value.trim().split("\\s+"));
                case "--nats-server" -> natsServer = value;
                default -> throw new BenchException("unknown option " + name + "\n" + USAGE);
            }
        }

        JetStreamOptions build() {
            if (duration.isZero() || drainTimeout.isZero()) {
                throw new BenchException("--seconds and --drain-timeout must be more than 0");
            }

            return new JetStreamOptions(
                    rounds,
                    duration,
                    messageSize,
                    publishers,
                    window,
                    batch,
                    prefill,
                    keys,
                    kvClients,
                    warmup,
                    drainTimeout,
                    json,
                    junctionJar,
                    natsServer,
                    junctionJvmOptions,
                    storeParent,
                    Set.copyOf(scenarios));
        }
    }
}
