package io.junction.bench;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Runs the same JetStream load with jnats against nats-server and against Junction, all started here as child
 * processes on loopback with fresh store directories, and prints how Junction compares.
 *
 * <h2>Durability</h2>
 * Junction acknowledges a publish only after the fsync that covers it; nats-server 2.9 acknowledges first and syncs
 * every two minutes. The async publish load therefore runs twice: against Junction as it runs by default, and in a
 * row of its own against a second Junction started with {@code sync_interval}, which behaves as nats-server does.
 * Both rows are compared with nats-server.
 *
 * <h2>Fairness</h2>
 * As in {@link CoreBenchmark}: rounds alternate between the servers, which server goes first alternates too, every
 * server gets an unmeasured warm-up run of every scenario, and the table reports the ratio of each round pair.
 * Streams and buckets that a round writes to are made afresh for it and deleted after it; the stream that fetch
 * reads and the bucket that get reads are filled once on every server before the warm-ups, outside any measured
 * time, so that both Junctions have run the same publishes through their JIT before the first round.
 */
public final class JetStreamBenchmark {
    private static final int FSYNC_SAMPLES = 200;

    private final JetStreamOptions options;
    private JetStreamServers servers;

    private JetStreamBenchmark(JetStreamOptions options) {
        this.options = options;
    }

    public static void main(String[] args) {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            Printer.result(JetStreamOptions.USAGE);
            return;
        }
        int status = 0;
        try {
            var options = JetStreamOptions.parse(args);
            var report = new JetStreamBenchmark(options).run();
            if (options.json()) {
                Printer.result(JetStreamJsonReport.render(report));
            } else {
                JetStreamTableReport.lines(report).forEach(Printer::result);
            }
        } catch (BenchException e) {
            Printer.progress("jetstream: " + e.getMessage());
            status = 1;
        } catch (Exception e) {
            Printer.progress("jetstream: failed: " + e);
            status = 1;
        }
        // The exit status tells the script how it went; no jnats thread still winding down can hold the JVM up.
        System.exit(status);
    }

    private JetStreamReport run() throws Exception {
        var logDirectory = Files.createTempDirectory("jetstream-bench-");
        servers = new JetStreamServers(options, logDirectory);
        var hook = Thread.ofPlatform().unstarted(servers::close);
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            var disk = DiskProbe.measure(options.storeParent(), FSYNC_SAMPLES);
            var rows = rows();
            servers.start(targets(rows));
            var idleMemory = servers.memory();
            var setupProblems = servers.syncProblems();
            setupProblems.forEach(problem -> Printer.progress("jetstream: " + problem));
            prepare(rows);
            var warmupProblems = warmUp(rows);
            measure(rows);
            var peakMemory = servers.memory();
            servers.stop();

            return new JetStreamReport(
                    options,
                    disk,
                    servers.versions(),
                    rows,
                    idleMemory,
                    peakMemory,
                    setupProblems,
                    servers.logProblems(),
                    warmupProblems,
                    logDirectory);
        } finally {
            servers.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down, and the hook is stopping the servers.
            }
        }
    }

    /** The rows chosen with --scenarios, in the table's order. */
    private List<JetStreamRow> rows() {
        var load = JetStreamLoad.of(options);
        var rows = new ArrayList<JetStreamRow>();
        for (var key : JetStreamOptions.ALL_SCENARIOS) {
            if (!options.scenarios().contains(key)) {
                continue;
            }
            var junction = key.equals("publish-sync-interval")
                    ? JetStreamTarget.JUNCTION_SYNC_INTERVAL
                    : JetStreamTarget.JUNCTION;
            Scenario scenario =
                    switch (key) {
                        case "publish" -> AsyncPublishScenario.fsyncBeforeAck(load);
                        case "publish-sync-interval" -> AsyncPublishScenario.syncInterval(load);
                        case "fetch" -> new PullFetchScenario(load);
                        case "kv-put" -> new KvPutScenario(load);
                        case "kv-get" -> new KvGetScenario(load);
                        default -> throw new IllegalStateException("no scenario " + key);
                    };
            rows.add(new JetStreamRow(new ScenarioResults(scenario), junction));
        }

        return rows;
    }

    private static Set<JetStreamTarget> targets(List<JetStreamRow> rows) {
        var targets = EnumSet.of(JetStreamTarget.NATS_SERVER);
        rows.forEach(row -> targets.add(row.junction()));

        return targets;
    }

    /**
     * Fills every server, not only those of a row, with what each scenario reads: filling the fetch stream publishes
     * hundreds of thousands of messages, and both Junctions should have done that before their publish rounds.
     */
    private void prepare(List<JetStreamRow> rows) throws Exception {
        for (var row : rows) {
            for (var target : servers.targets()) {
                row.scenario().prepare(servers.get(target));
            }
        }
    }

    private List<String> warmUp(List<JetStreamRow> rows) throws InterruptedException {
        var problems = new ArrayList<String>();
        if (options.warmup().isZero()) {
            return problems;
        }
        for (var row : rows) {
            for (var column : ServerKind.values()) {
                var target = row.target(column);
                var result = runOnce(row.scenario(), target, options.warmup());
                Printer.progress(progress("warm-up", row.scenario(), target, result));
                if (!result.clean()) {
                    problems.add("warm-up " + row.scenario().key() + ", " + target.label() + ": missing "
                            + result.missing() + " " + result.problems());
                }
            }
        }

        return problems;
    }

    private void measure(List<JetStreamRow> rows) throws InterruptedException {
        for (int round = 0; round < options.rounds(); round++) {
            for (int r = 0; r < rows.size(); r++) {
                var row = rows.get(r);
                for (var column : order(round + r)) {
                    var target = row.target(column);
                    var result = runOnce(row.scenario(), target, options.duration());
                    row.results().add(column, result);
                    var label = "round " + (round + 1) + "/" + options.rounds();
                    Printer.progress(progress(label, row.scenario(), target, result));
                }
            }
        }
    }

    private static List<ServerKind> order(int turn) {
        return turn % 2 == 0
                ? List.of(ServerKind.NATS_SERVER, ServerKind.JUNCTION)
                : List.of(ServerKind.JUNCTION, ServerKind.NATS_SERVER);
    }

    private RoundResult runOnce(Scenario scenario, JetStreamTarget target, Duration duration)
            throws InterruptedException {
        var server = servers.get(target);
        RoundResult result;
        try {
            result = scenario.run(server, duration);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            result = RoundResult.failed(e);
        }
        if (!server.isAlive()) {
            throw new BenchException(target.label() + " died during " + scenario.key() + "; see " + server.log());
        }
        // Each round starts with the client's garbage of the last one collected, whichever server that was.
        System.gc();
        Thread.sleep(200);

        return result;
    }

    private static String progress(String label, Scenario scenario, JetStreamTarget target, RoundResult result) {
        var line = String.format(
                Locale.ROOT,
                "%-12s %-22s %-28s %,10.0f /s  cpu server %3.0f%% client %3.0f%% others %3.0f%%",
                label,
                scenario.key(),
                target.label(),
                result.rate(),
                result.cpu().server() * 100,
                result.cpu().client() * 100,
                result.cpu().others() * 100);

        return result.clean() ? line : line + "  ! missing " + result.missing() + " " + result.problems();
    }
}
