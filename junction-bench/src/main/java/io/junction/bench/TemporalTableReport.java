package io.junction.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;
import java.util.function.ToDoubleFunction;

/** The Temporal report as aligned plain-text tables, for a terminal and for pasting into the README. */
final class TemporalTableReport {
    private static final String ROW = "%-28s %14s %14s %20s %14s";

    private TemporalTableReport() {}

    static List<String> lines(TemporalReport report) {
        var options = report.options();
        var lines = new ArrayList<String>();
        lines.add("Temporal, a workflow with one activity, " + options.concurrency() + " in flight, SDK "
                + TemporalReport.sdkVersion() + ": in-memory test server " + TemporalReport.sdkVersion()
                + " vs Junction on SQLite");
        lines.add(options.rounds() + " rounds x " + seconds(options) + " s per server, servers alternating, "
                + Runtime.getRuntime().availableProcessors() + " CPUs; figures are medians over the rounds");
        lines.add("Durability: Junction commits every change to SQLite (WAL, synchronous=FULL) before it answers,");
        lines.add("group-committing concurrent changes; the in-memory test server keeps nothing.");
        lines.add(disk(report.disk()));
        lines.add("");
        lines.add(String.format(Locale.ROOT, ROW, "", "in-memory", "Junction", "Junction/in-memory", "min..max"));
        var results = report.results();
        lines.add(row(results, "workflows/s", RoundResult::rate, TableReport::count));
        lines.add(row(
                results,
                "  latency p50 (ms)",
                r -> TemporalResults.latencyMillis(r, false),
                TemporalTableReport::millis));
        lines.add(row(
                results,
                "  latency p99 (ms)",
                r -> TemporalResults.latencyMillis(r, true),
                TemporalTableReport::millis));
        lines.add(row(
                results,
                "server CPU (ms/workflow)",
                r -> r.serverNanosPerMessage() / 1e6,
                TemporalTableReport::millis));
        lines.add(String.format(
                Locale.ROOT,
                ROW,
                "CPU server/client/rest",
                cpuShares(results.rounds(TemporalTarget.IN_MEMORY)),
                cpuShares(results.rounds(TemporalTarget.JUNCTION)),
                "",
                ""));
        lines.add(memoryRow(report, "peak RSS (VmHWM)", true));
        lines.add(memoryRow(report, "RSS right after start", false));
        lines.add("");
        lines.add("Load: " + report.load() + ".");
        lines.add("The SDK's client and its worker (default options) run in the benchmark's JVM, each server in a");
        lines.add("child JVM of its own with " + String.join(" ", options.serverJvmOptions())
                + "; CPU shares are of one core.");
        lines.add("Ratios: median of the per-round ratios Junction/in-memory, min..max their spread; above 1 is");
        lines.add("better for workflows/s, worse for latency and CPU.");
        lines.add("");
        var problems = report.problems();
        lines.add(
                problems.isEmpty()
                        ? "Problems: none (no failed workflows, client errors or server warnings)"
                        : "Problems:");
        problems.forEach(problem -> lines.add("  " + problem));
        lines.add("Server logs: " + report.logDirectory());

        return lines;
    }

    private static String row(
            TemporalResults results, String title, ToDoubleFunction<RoundResult> value, DoubleFunction<String> format) {
        var ratios = results.ratios(value);
        return String.format(
                Locale.ROOT,
                ROW,
                title,
                format.apply(results.median(TemporalTarget.IN_MEMORY, value)),
                format.apply(results.median(TemporalTarget.JUNCTION, value)),
                TableReport.ratio(Stats.median(ratios)),
                TableReport.ratio(Stats.min(ratios)) + ".." + TableReport.ratio(Stats.max(ratios)));
    }

    private static String cpuShares(List<RoundResult> rounds) {
        return TableReport.percent(Stats.median(rounds, r -> r.cpu().server())) + "/"
                + TableReport.percent(Stats.median(rounds, r -> r.cpu().client())) + "/"
                + TableReport.percent(Stats.median(rounds, r -> r.cpu().others()));
    }

    private static String memoryRow(TemporalReport report, String title, boolean peak) {
        var memory = peak ? report.peakMemory() : report.idleMemory();
        long inMemory = kib(memory.get(TemporalTarget.IN_MEMORY), peak);
        long junction = kib(memory.get(TemporalTarget.JUNCTION), peak);
        var ratio = inMemory <= 0 || junction < 0 ? Double.NaN : (double) junction / inMemory;

        return String.format(
                Locale.ROOT,
                ROW,
                title,
                TableReport.mebibytes(inMemory),
                TableReport.mebibytes(junction),
                TableReport.ratio(ratio),
                "");
    }

    private static long kib(ProcessProbe.Memory memory, boolean peak) {
        return memory == null ? -1 : peak ? memory.peakKib() : memory.currentKib();
    }

    private static String disk(DiskProbe.Result disk) {
        var fsync = disk.fsync();
        return String.format(
                Locale.ROOT,
                "Disk: a 4 KiB append with fsync in %s (%s) took p50 %.2f ms, p99 %.2f ms (%d samples)",
                disk.directory(),
                disk.fileSystem(),
                fsync.p50Nanos() / 1e6,
                fsync.p99Nanos() / 1e6,
                fsync.samples());
    }

    static String millis(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String seconds(TemporalOptions options) {
        return String.format(Locale.ROOT, "%.1f", options.duration().toMillis() / 1000.0);
    }
}
