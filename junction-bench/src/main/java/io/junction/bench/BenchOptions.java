package io.junction.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The benchmark's command line: the load (rounds, seconds, message size, connections) and where the two servers
 * come from.
 */
record BenchOptions(
        int rounds,
        Duration duration,
        int messageSize,
        int publishers,
        int subscribers,
        int requesters,
        int window,
        Duration warmup,
        Duration drainTimeout,
        boolean json,
        Path junctionJar,
        String natsServer,
        List<String> junctionJvmOptions,
        Set<String> scenarios) {
    static final List<String> ALL_SCENARIOS = List.of("publish", "pair", "fanout", "queue", "request");

    static final String USAGE = """
            Usage: bench/nats-core [options]
              --rounds <n>           measured rounds per scenario and server (default 5)
              --seconds <s>          publishing time of one round, may be fractional (default 3)
              --size <bytes>         payload size of every message (default 128)
              --publishers <n>       publisher connections in each pub/sub scenario (default 2)
              --subscribers <n>      subscribers for fan-out and members of the queue group (default 4)
              --requesters <n>       synchronous requesters, one connection each (default 2)
              --window <n>           deliveries publishers may run ahead of their subscribers (default 32768)
              --warmup <s>           unmeasured run of every scenario on each server first (default 3; 0 skips)
              --drain-timeout <s>    how long a round waits for its last messages (default 10)
              --scenarios <a,b,..>   a subset of publish,pair,fanout,queue,request (default all)
              --junction-jar <path>  Junction's jar (default junction-cli/target/junction.jar)
              --junction-jvm <opts>  JVM options for Junction, space separated (default -Xmx1g)
              --nats-server <path>   nats-server binary (default: on PATH, else /usr/sbin/nats-server)
              --json                 print the results as JSON instead of tables
            """;

    static BenchOptions parse(String[] args) {
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
        int subscribers = 4;
        int requesters = 2;
        int window = 32_768;
        Duration warmup = Duration.ofSeconds(3);
        Duration drainTimeout = Duration.ofSeconds(10);
        boolean json;
        Path junctionJar = Path.of("junction-cli", "target", "junction.jar");
        String natsServer;
        List<String> junctionJvmOptions = List.of("-Xmx1g");
        Set<String> scenarios = new LinkedHashSet<>(ALL_SCENARIOS);

        void set(String name, String value) {
            switch (name) {
                case "--rounds" -> rounds = OptionValues.atLeastOne(name, value);
                case "--seconds" -> duration = OptionValues.seconds(name, value);
                case "--size" -> messageSize = OptionValues.whole(name, value);
                case "--publishers" -> publishers = OptionValues.atLeastOne(name, value);
                case "--subscribers" -> subscribers = OptionValues.atLeastOne(name, value);
                case "--requesters" -> requesters = OptionValues.atLeastOne(name, value);
                case "--window" -> window = OptionValues.atLeastOne(name, value);
                case "--warmup" -> warmup = OptionValues.seconds(name, value);
                case "--drain-timeout" -> drainTimeout = OptionValues.seconds(name, value);
                case "--scenarios" -> scenarios = OptionValues.subset(value, ALL_SCENARIOS);
                case "--junction-jar" -> junctionJar = Path.of(value);
                case "--junction-jvm" ->
                    junctionJvmOptions = List.of(value.trim().split("\\s+"));
                case "--nats-server" -> natsServer = value;
                default -> throw new BenchException("unknown option " + name + "\n" + USAGE);
            }
        }

        BenchOptions build() {
            if (duration.isZero() || drainTimeout.isZero()) {
                throw new BenchException("--seconds and --drain-timeout must be more than 0");
            }

            return new BenchOptions(
                    rounds,
                    duration,
                    messageSize,
                    publishers,
                    subscribers,
                    requesters,
                    window,
                    warmup,
                    drainTimeout,
                    json,
                    junctionJar,
                    natsServer,
                    junctionJvmOptions,
                    Set.copyOf(scenarios));
        }
    }
}
