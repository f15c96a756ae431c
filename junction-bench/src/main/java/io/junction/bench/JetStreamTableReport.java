package io.junction.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToLongFunction;

/** The JetStream report as aligned plain-text tables, for a terminal and for pasting into the README. */
final class JetStreamTableReport {
    private static final TableReport.Layout LAYOUT = new TableReport.Layout(30, "per s", "op");
    private static final String MEMORY_LABEL = "%-30s";
    private static final String MEMORY_CELL = " %30s";

    private JetStreamTableReport() {}

    static List<String> lines(JetStreamReport report) {
        var options = report.options();
        var lines = new ArrayList<String>();
        lines.add("JetStream, " + options.messageSize() + "-byte messages, file storage, jnats client: "
                + report.versions().get(JetStreamTarget.NATS_SERVER) + " vs "
                + report.versions().getOrDefault(JetStreamTarget.JUNCTION, "Junction"));
        lines.add(
                options.rounds() + " rounds x " + seconds(options) + " s per scenario and server, servers alternating, "
                        + Runtime.getRuntime().availableProcessors() + " CPUs; figures are medians over the rounds");
        lines.add("Durability: Junction acks a publish after the fsync that covers it (group commit); nats-server 2.9");
        lines.add("acks before its fsync, which runs every 2 minutes, as Junction (sync_interval 2m) does.");
        lines.add(disk(report.disk()));
        lines.add("");
        lines.addAll(TableReport.throughput(report.results(), LAYOUT));
        lines.add("");
        lines.addAll(TableReport.cpu(report.results(), LAYOUT));
        lines.add("");
        lines.addAll(memory(report));
        lines.add("");
        lines.add("Load:");
        for (var row : report.rows()) {
            lines.add("  " + row.scenario().title().strip() + ": "
                    + row.scenario().description());
        }
        lines.add("  per s: messages acked per second (publish, fetch) or calls answered per second (KV);");
        lines.add("  an op is one of those. Ratios: median of the per-round ratios Junction/nats-server, min..max");
        lines.add("  their spread; for ns/op, above 1 means Junction spends more CPU.");
        lines.add("");
        var problems = report.problems();
        lines.add(problems.isEmpty() ? "Problems: none (no lost acks, client errors or server warnings)" : "Problems:");
        problems.forEach(problem -> lines.add("  " + problem));
        lines.add("Server logs: " + report.logDirectory());

        return lines;
    }

    private static String disk(DiskProbe.Result disk) {
        var fsync = disk.fsync();
        return String.format(
                Locale.ROOT,
                "Disk: a 4 KiB append with fsync in %s (%s) took p50 %.2f ms, p99 %.2f ms, max %.2f ms (%d samples)",
                disk.directory(),
                disk.fileSystem(),
                fsync.p50Nanos() / 1e6,
                fsync.p99Nanos() / 1e6,
                fsync.maxNanos() / 1e6,
                fsync.samples());
    }

    private static List<String> memory(JetStreamReport report) {
        var targets = report.peakMemory().keySet();
        var header = new StringBuilder(String.format(Locale.ROOT, MEMORY_LABEL, "memory (x nats-server)"));
        targets.forEach(target -> header.append(String.format(Locale.ROOT, MEMORY_CELL, target.label())));

        return List.of(
                header.toString(),
                memoryRow("peak RSS (VmHWM)", report.peakMemory(), ProcessProbe.Memory::peakKib),
                memoryRow("RSS right after start", report.idleMemory(), ProcessProbe.Memory::currentKib),
                "Junction JVM options: " + String.join(" ", report.options().junctionJvmOptions()));
    }

    private static String memoryRow(
            String title, Map<JetStreamTarget, ProcessProbe.Memory> memory, ToLongFunction<ProcessProbe.Memory> kib) {
        var nats = memory.containsKey(JetStreamTarget.NATS_SERVER)
                ? kib.applyAsLong(memory.get(JetStreamTarget.NATS_SERVER))
                : -1;
        var row = new StringBuilder(String.format(Locale.ROOT, MEMORY_LABEL, title));
        memory.forEach((target, value) -> {
            long own = kib.applyAsLong(value);
            var cell = target == JetStreamTarget.NATS_SERVER || nats <= 0 || own < 0
                    ? TableReport.mebibytes(own)
                    : TableReport.mebibytes(own) + " (" + TableReport.ratio((double) own / nats) + ")";
            row.append(String.format(Locale.ROOT, MEMORY_CELL, cell));
        });

        return row.toString();
    }

    private static String seconds(JetStreamOptions options) {
        return String.format(Locale.ROOT, "%.1f", options.duration().toMillis() / 1000.0);
    }
}
