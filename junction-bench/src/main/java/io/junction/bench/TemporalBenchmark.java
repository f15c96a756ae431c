package io.junction.bench;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs the same Temporal load with the Temporal Java SDK against the SDK's in-memory test server and against
 * Junction, durable on SQLite, and prints how Junction compares.
 *
 * <h2>Processes</h2>
 * Each server runs in a child process of its own ({@link TemporalServerHost}), started from this jar with the same
 * JVM options, so neither shares a heap, a JIT or a garbage collector with the other or with the client; the SDK's
 * client threads and its worker for each server run here, in the benchmark's JVM, alike for both.
 *
 * <h2>Fairness</h2>
 * As in {@link CoreBenchmark}: rounds alternate between the servers, which server goes first alternates too, both
 * get an unmeasured warm-up of the same load first, and the table reports the ratio of each round pair. Both
 * workers poll all the time; the idle one's long polls cost next to nothing.
 */
public final class TemporalBenchmark {
    private static final int FSYNC_SAMPLES = 200;

    private final TemporalOptions options;
    private final WorkflowLoop loop;
    private TemporalServers servers;

    private TemporalBenchmark(TemporalOptions options) {
        this.options = options;
        this.loop = new WorkflowLoop(options.concurrency());
    }

    public static void main(String[] args) {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            Printer.result(TemporalOptions.USAGE);
            return;
        }
        int status = 0;
        try {
            var options = TemporalOptions.parse(args);
            var report = new TemporalBenchmark(options).run();
            if (options.json()) {
                Printer.result(TemporalJsonReport.render(report));
            } else {
                TemporalTableReport.lines(report).forEach(Printer::result);
            }
        } catch (BenchException e) {
            Printer.progress("temporal: " + e.getMessage());
            status = 1;
        } catch (Exception e) {
            Printer.progress("temporal: failed: " + e);
            status = 1;
        }
        // The exit status tells the script how it went; no SDK thread still winding down can hold the JVM up.
        System.exit(status);
    }

    private TemporalReport run() throws Exception {
        var logDirectory = Files.createTempDirectory("temporal-bench-");
        servers = new TemporalServers(options, logDirectory);
        var hook = Thread.ofPlatform().unstarted(servers::close);
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            Files.createDirectories(options.storeParent());
            var disk = DiskProbe.measure(options.storeParent(), FSYNC_SAMPLES);
            servers.start();
            var idleMemory = servers.memory();
            var warmupProblems = warmUp();
            var results = measure();
            var peakMemory = servers.memory();
            servers.stop();

            return new TemporalReport(
                    options,
                    loop.description(),
                    disk,
                    results,
                    idleMemory,
                    peakMemory,
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

    private List<String> warmUp() throws InterruptedException {
        var problems = new ArrayList<String>();
        if (options.warmup().isZero()) {
            return problems;
        }
        for (var target : TemporalTarget.values()) {
            var result = runOnce(target, "warmup", options.warmup());
            Printer.progress(progress("warm-up", target, result));
            if (!result.clean()) {
                problems.add("warm-up " + target.label() + ": " + result.missing() + " failed, " + result.surplus()
                        + " wrong results " + result.problems());
            }
        }

        return problems;
    }

    private TemporalResults measure() throws InterruptedException {
        var results = new TemporalResults();
        for (int round = 0; round < options.rounds(); round++) {
            for (var target : order(round)) {
                var result = runOnce(target, "round" + round, options.duration());
                results.add(target, result);
                Printer.progress(progress("round " + (round + 1) + "/" + options.rounds(), target, result));
            }
        }

        return results;
    }

    private static List<TemporalTarget> order(int round) {
        return round % 2 == 0
                ? List.of(TemporalTarget.IN_MEMORY, TemporalTarget.JUNCTION)
                : List.of(TemporalTarget.JUNCTION, TemporalTarget.IN_MEMORY);
    }

    private RoundResult runOnce(TemporalTarget target, String round, Duration duration) throws InterruptedException {
        var server = servers.server(target);
        var result = loop.run(servers.connection(target), server.handle(), target.key() + "-" + round, duration);
        if (!server.isAlive()) {
            throw new BenchException(target.label() + " died during " + round + "; see " + server.log());
        }
        // Each round starts with the client's garbage of the last one collected, whichever server that was.
        System.gc();
        Thread.sleep(200);

        return result;
    }

    private static String progress(String label, TemporalTarget target, RoundResult result) {
        var line = String.format(
                Locale.ROOT,
                "%-12s %-10s %,8.0f workflows/s  p50 %6.2f ms p99 %6.2f ms  cpu server %3.0f%% client %3.0f%% others"
                        + " %3.0f%%",
                label,
                target.label(),
                result.rate(),
                TemporalResults.latencyMillis(result, false),
                TemporalResults.latencyMillis(result, true),
                result.cpu().server() * 100,
                result.cpu().client() * 100,
                result.cpu().others() * 100);

        return result.clean()
                ? line
                : line + "  ! " + result.missing() + " failed, " + result.surplus() + " wrong " + result.problems();
    }
}
