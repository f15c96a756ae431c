package io.junction.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The Temporal benchmark's command line: the load, the rounds and how the two servers run. */
record TemporalOptions(
        int rounds,
        Duration duration,
        Duration warmup,
        int concurrency,
        boolean json,
        List<String> serverJvmOptions,
        Path storeParent) {
    static final String USAGE = """
            Usage: bench/temporal [options]
              --rounds <n>           measured rounds per server (default 5)
              --seconds <s>          load time of one round, may be fractional (default 5)
              --warmup <s>           unmeasured load on each server first (default 20; 0 skips)
              --concurrency <n>      workflows in flight, one client thread each (default 16)
              --store-dir <path>     where Junction's fresh SQLite directory is made (default: java.io.tmpdir)
              --server-jvm <opts>    JVM options of both server processes, space separated (default -Xmx1g)
              --json                 print the results as JSON instead of tables
            """;

    static TemporalOptions parse(String[] args) {
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
        Duration duration = Duration.ofSeconds(5);
        Duration warmup = Duration.ofSeconds(20);
        int concurrency = 16;
        boolean json;
        List<String> serverJvmOptions = List.of("-Xmx1g");
        Path storeParent = Path.of(System.getProperty("java.io.tmpdir"));

        void set(String name, String value) {
            switch (name) {
                case "--rounds" -> rounds = OptionValues.atLeastOne(name, value);
                case "--seconds" -> duration = OptionValues.seconds(name, value);
                case "--warmup" -> warmup = OptionValues.seconds(name, value);
                case "--concurrency" -> concurrency = OptionValues.atLeastOne(name, value);
                case "--store-dir" -> storeParent = Path.of(value);
                case "--server-jvm" -> serverJvmOptions = List.of(value.trim().split("\\s+"));
                default -> throw new BenchException("unknown option " + name + "\n" + USAGE);
            }
        }

        TemporalOptions build() {
            if (duration.isZero()) {
                throw new BenchException("--seconds must be more than 0");
            }

            return new TemporalOptions(rounds, duration, warmup, concurrency, json, serverJvmOptions, storeParent);
        }
    }
}
