package io.junction.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs the same NATS core load with jnats against nats-server and against Junction, both started here as child
 * processes on loopback, and prints how Junction compares.
 *
 * <h2>Fairness</h2>
 * Rounds alternate between the servers, and which server goes first alternates too, so background load on a shared
 * machine hits both alike; the ratio of each round pair is what the table reports. Both servers get an unmeasured
 * warm-up run of every scenario first, which gives Junction's JIT and the client's the same start.
 *
 * <h2>Rounds</h2>
 * A round counts what subscribers received, not what was sent, and does not end until every expected message has
 * arrived or the drain timeout has passed, so no backlog spills into the next round.
 */
public final class CoreBenchmark {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final BenchOptions options;
    private final Map<ServerKind, ServerProcess> servers = new EnumMap<>(ServerKind.class);

    private CoreBenchmark(BenchOptions options) {
        this.options = options;
    }

    public static void main(String[] args) {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            Printer.result(BenchOptions.USAGE);
            return;
        }
        int status = 0;
        try {
            var options = BenchOptions.parse(args);
            var report = new CoreBenchmark(options).run();
            if (options.json()) {
                Printer.result(JsonReport.render(report));
            } else {
                TableReport.lines(report).forEach(Printer::result);
            }
        } catch (BenchException e) {
            Printer.progress("nats-core: " + e.getMessage());
            status = 1;
        } catch (Exception e) {
            Printer.progress("nats-core: failed: " + e);
            status = 1;
        }
        // The exit status tells the script how it went; no jnats thread still winding down can hold the JVM up.
        System.exit(status);
    }

    private BenchReport run() throws Exception {
        var logDirectory = Files.createTempDirectory("nats-core-");
        var hook = Thread.ofPlatform().unstarted(this::stopServers);
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            var idleMemory = startServers(logDirectory);
            var scenarios = scenarios();
            var warmupProblems = warmUp(scenarios);
            var results = measure(scenarios);
            var peakMemory = memory();
            stopServers();

            return new BenchReport(
                    options,
                    perServer(kind -> ServerLogs.startedAs(servers.get(kind).log())),
                    results,
                    idleMemory,
                    peakMemory,
                    perServer(kind -> ServerLogs.problems(servers.get(kind).log())),
                    warmupProblems,
                    logDirectory);
        } finally {
            stopServers();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down, and the hook is stopping the servers.
            }
        }
    }

    private Map<ServerKind, ProcessProbe.Memory> startServers(Path logDirectory) throws InterruptedException {
        for (var kind : ServerKind.values()) {
            int port = ServerLaunch.freePort();
            var command = kind.command(options, port);
            Printer.progress("starting " + kind.label() + ": " + String.join(" ", command));
            var server = ServerProcess.start(kind.label(), command, port, logDirectory.resolve(kind.key() + ".log"));
            servers.put(kind, server);
            server.awaitReady(START_TIMEOUT);
        }

        return memory();
    }

    private List<Scenario> scenarios() {
        var load = Load.of(options);
        var scenarios = new ArrayList<Scenario>();
        for (var topology : Topology.values()) {
            if (options.scenarios().contains(topology.key())) {
                scenarios.add(new PubSubScenario(topology, load));
            }
        }
        if (options.scenarios().contains("request")) {
            scenarios.add(new RequestReplyScenario(load));
        }

        return scenarios;
    }

    private List<String> warmUp(List<Scenario> scenarios) throws InterruptedException {
        var problems = new ArrayList<String>();
        if (options.warmup().isZero()) {
            return problems;
        }
        for (var scenario : scenarios) {
            for (var kind : ServerKind.values()) {
                var result = runOnce(scenario, kind, options.warmup());
                Printer.progress(progress("warm-up", scenario, kind, result));
                if (!result.clean()) {
                    problems.add("warm-up " + scenario.title() + ", " + kind.label() + ": missing " + result.missing()
                            + " " + result.problems());
                }
            }
        }

        return problems;
    }

    private List<ScenarioResults> measure(List<Scenario> scenarios) throws InterruptedException {
        var results = new ArrayList<ScenarioResults>();
        scenarios.forEach(scenario -> results.add(new ScenarioResults(scenario)));
        for (int round = 0; round < options.rounds(); round++) {
            for (int s = 0; s < scenarios.size(); s++) {
                var scenario = scenarios.get(s);
                for (var kind : order(round + s)) {
                    var result = runOnce(scenario, kind, options.duration());
                    results.get(s).add(kind, result);
                    var label = "round " + (round + 1) + "/" + options.rounds();
                    Printer.progress(progress(label, scenario, kind, result));
                }
            }
        }

        return results;
    }

    private static List<ServerKind> order(int turn) {
        return turn % 2 == 0
                ? List.of(ServerKind.NATS_SERVER, ServerKind.JUNCTION)
                : List.of(ServerKind.JUNCTION, ServerKind.NATS_SERVER);
    }

    private RoundResult runOnce(Scenario scenario, ServerKind kind, Duration duration) throws InterruptedException {
        var server = servers.get(kind);
        RoundResult result;
        try {
            result = scenario.run(server, duration);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            result = RoundResult.failed(e);
        }
        if (!server.isAlive()) {
            throw new BenchException(kind.label() + " died during " + scenario.title() + "; see " + server.log());
        }
        // Each round starts with the client's garbage of the last one collected, whichever server that was.
        System.gc();
        Thread.sleep(200);

        return result;
    }

    private static String progress(String label, Scenario scenario, ServerKind kind, RoundResult result) {
        var line = String.format(
                Locale.ROOT,
                "%-12s %-18s %-12s %,12.0f msgs/s  cpu server %3.0f%% client %3.0f%% others %3.0f%%",
                label,
                scenario.title(),
                kind.label(),
                result.rate(),
                result.cpu().server() * 100,
                result.cpu().client() * 100,
                result.cpu().others() * 100);
        if (result.latency() != null) {
            line += String.format(
                    Locale.ROOT,
                    "  p50 %.0f us p99 %.0f us",
                    result.latency().p50Nanos() / 1000.0,
                    result.latency().p99Nanos() / 1000.0);
        }

        return result.clean() ? line : line + "  ! missing " + result.missing() + " " + result.problems();
    }

    private Map<ServerKind, ProcessProbe.Memory> memory() {
        return perServer(kind -> ProcessProbe.memory(servers.get(kind).handle()));
    }

    private static <T> Map<ServerKind, T> perServer(Function<ServerKind, T> value) {
        var map = new EnumMap<ServerKind, T>(ServerKind.class);
        for (var kind : ServerKind.values()) {
            map.put(kind, value.apply(kind));
        }

        return map;
    }

    private void stopServers() {
        servers.values().forEach(ServerProcess::close);
    }
}
