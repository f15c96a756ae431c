package io.junction.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The report as aligned plain-text tables, for a terminal and for pasting into the README. */
final class TableReport {
    private static final String MEMORY_ROW = "%-22s %20s %18s %22s";
    private static final double KIB_PER_MIB = 1024.0;

    /**
     * How a table names its figures.
     *
     * @param titleWidth the width of the first column, the scenarios' titles
     * @param rate the unit of the throughput columns, such as {@code msgs/s}
     * @param item what the server's CPU time is divided by, such as {@code msg}
     */
    record Layout(int titleWidth, String rate, String item) {
        static final Layout CORE = new Layout(22, "msgs/s", "msg");

        String row() {
            return "%-" + titleWidth + "s %20s %18s %22s %14s";
        }

        String cpuRow() {
            return "%-" + titleWidth + "s %18s %18s %11s %11s %8s";
        }
    }

    private TableReport() {}

    static List<String> lines(BenchReport report) {
        var options = report.options();
        var lines = new ArrayList<String>();
        lines.add("NATS core, " + options.messageSize() + "-byte messages, jnats client: "
                + report.versions().get(ServerKind.NATS_SERVER) + " vs "
                + report.versions().get(ServerKind.JUNCTION));
        lines.add(
                options.rounds() + " rounds x " + seconds(options) + " s per scenario and server, servers alternating, "
                        + Runtime.getRuntime().availableProcessors() + " CPUs; figures are medians over the rounds");
        lines.add("");
        lines.addAll(throughput(report.scenarios(), Layout.CORE));
        lines.add("");
        lines.addAll(cpu(report.scenarios(), Layout.CORE));
        lines.add("");
        lines.addAll(memory(report));
        lines.add("");
        lines.add("Load:");
        for (var results : report.scenarios()) {
            lines.add("  " + results.scenario().title() + ": "
                    + results.scenario().description());
        }
        lines.add("  Publishers stay at most " + options.window() + " deliveries ahead of their subscribers.");
        lines.add("  Ratios: median of the per-round ratios Junction/nats-server, min..max their spread;");
        lines.add("  for latency and ns/msg, above 1 means Junction is slower.");
        lines.add("");
        var problems = report.problems();
        lines.add(
                problems.isEmpty()
                        ? "Problems: none (no lost messages, client errors or server warnings)"
                        : "Problems:");
        problems.forEach(problem -> lines.add("  " + problem));
        lines.add("Server logs: " + report.logDirectory());

        return lines;
    }

    /** Each scenario's median rate on both servers and the median of the per-round ratios, with their range. */
    static List<String> throughput(List<ScenarioResults> scenarios, Layout layout) {
        var lines = new ArrayList<String>();
        lines.add(String.format(
                Locale.ROOT,
                layout.row(),
                "scenario",
                "nats-server " + layout.rate(),
                "Junction " + layout.rate(),
                "Junction/nats-server",
                "min..max"));
        for (var results : scenarios) {
            lines.add(row(
                    layout,
                    results.scenario().title(),
                    results.medianRate(ServerKind.NATS_SERVER),
                    results.medianRate(ServerKind.JUNCTION),
                    results.rateRatios()));
            if (results.hasLatency()) {
                for (boolean p99 : new boolean[] {false, true}) {
                    lines.add(row(
                            layout,
                            "  latency " + (p99 ? "p99" : "p50") + " (us)",
                            results.medianLatency(ServerKind.NATS_SERVER, p99),
                            results.medianLatency(ServerKind.JUNCTION, p99),
                            results.latencyRatios(p99)));
                }
            }
        }

        return lines;
    }

    private static String row(Layout layout, String title, double nats, double junction, double[] ratios) {
        return String.format(
                Locale.ROOT,
                layout.row(),
                title,
                count(nats),
                count(junction),
                ratio(Stats.median(ratios)),
                ratio(Stats.min(ratios)) + ".." + ratio(Stats.max(ratios)));
    }

    /** The CPU shares of server, client and the rest of the machine, and the server's CPU time per item counted. */
    static List<String> cpu(List<ScenarioResults> scenarios, Layout layout) {
        var lines = new ArrayList<String>();
        lines.add("CPU in the measured rounds (medians): server/client/rest of the machine in shares of one core,");
        lines.add("then the server's CPU time per " + layout.item()
                + " counted, which background load disturbs less than " + layout.rate());
        lines.add(String.format(
                Locale.ROOT,
                layout.cpuRow(),
                "scenario",
                "nats-server",
                "Junction",
                "nats ns/" + layout.item(),
                "Junc ns/" + layout.item(),
                "ratio"));
        for (var results : scenarios) {
            lines.add(String.format(
                    Locale.ROOT,
                    layout.cpuRow(),
                    results.scenario().title(),
                    cpuShares(results.rounds(ServerKind.NATS_SERVER)),
                    cpuShares(results.rounds(ServerKind.JUNCTION)),
                    count(results.medianServerCost(ServerKind.NATS_SERVER)),
                    count(results.medianServerCost(ServerKind.JUNCTION)),
                    ratio(Stats.median(results.serverCostRatios()))));
        }

        return lines;
    }

    private static String cpuShares(List<RoundResult> rounds) {
        return percent(Stats.median(rounds, r -> r.cpu().server())) + "/"
                + percent(Stats.median(rounds, r -> r.cpu().client())) + "/"
                + percent(Stats.median(rounds, r -> r.cpu().others()));
    }

    private static List<String> memory(BenchReport report) {
        var peakNats = report.peakMemory().get(ServerKind.NATS_SERVER).peakKib();
        var peakJunction = report.peakMemory().get(ServerKind.JUNCTION).peakKib();
        var idleNats = report.idleMemory().get(ServerKind.NATS_SERVER).currentKib();
        var idleJunction = report.idleMemory().get(ServerKind.JUNCTION).currentKib();
        return List.of(
                String.format(Locale.ROOT, MEMORY_ROW, "memory", "nats-server", "Junction", "Junction/nats-server"),
                String.format(
                        Locale.ROOT,
                        MEMORY_ROW,
                        "peak RSS (VmHWM)",
                        mebibytes(peakNats),
                        mebibytes(peakJunction),
                        ratio((double) peakJunction / peakNats)),
                String.format(
                        Locale.ROOT,
                        MEMORY_ROW,
                        "RSS right after start",
                        mebibytes(idleNats),
                        mebibytes(idleJunction),
                        ratio((double) idleJunction / idleNats)),
                "Junction JVM options: " + String.join(" ", report.options().junctionJvmOptions()));
    }

    private static String seconds(BenchOptions options) {
        return String.format(Locale.ROOT, "%.1f", options.duration().toMillis() / 1000.0);
    }

    static String count(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%,.0f", value);
    }

    static String ratio(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.2fx", value);
    }

    static String percent(double share) {
        return Double.isNaN(share) ? "-" : String.format(Locale.ROOT, "%.0f%%", share * 100);
    }

    static String mebibytes(long kib) {
        return kib < 0 ? "-" : String.format(Locale.ROOT, "%.1f MiB", kib / KIB_PER_MIB);
    }
}
