package io.junction.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JetStream report as JSON, every round included, for scripts that track the figures over time. */
final class JetStreamJsonReport {
    private JetStreamJsonReport() {}

    static String render(JetStreamReport report) {
        var root = new LinkedHashMap<String, Object>();
        root.put("options", options(report.options()));
        root.put("cpus", Runtime.getRuntime().availableProcessors());
        var versions = new LinkedHashMap<String, Object>();
        report.versions().forEach((target, version) -> versions.put(target.key(), version));
        root.put("versions", versions);
        root.put("disk", disk(report.disk()));
        var rows = new ArrayList<Object>();
        for (var row : report.rows()) {
            var scenario = JsonReport.scenario(row.results());
            scenario.put("junction_server", row.junction().key());
            rows.add(scenario);
        }
        root.put("scenarios", rows);
        root.put("memory_kib", memory(report));
        root.put("problems", report.problems());
        root.put("server_logs", report.logDirectory().toString());

        return Json.render(root);
    }

    private static Map<String, Object> options(JetStreamOptions options) {
        var map = new LinkedHashMap<String, Object>();
        map.put("rounds", options.rounds());
        map.put("seconds", options.duration().toMillis() / 1000.0);
        map.put("message_size", options.messageSize());
        map.put("publishers", options.publishers());
        map.put("window", options.window());
        map.put("batch", options.batch());
        map.put("prefill", options.prefill());
        map.put("keys", options.keys());
        map.put("kv_clients", options.kvClients());
        map.put("junction_jvm_options", options.junctionJvmOptions());

        return map;
    }

    private static Map<String, Object> disk(DiskProbe.Result disk) {
        var map = new LinkedHashMap<String, Object>();
        map.put("directory", disk.directory().toString());
        map.put("file_system", disk.fileSystem());
        map.put("fsync_p50_us", disk.fsync().p50Nanos() / 1000.0);
        map.put("fsync_p99_us", disk.fsync().p99Nanos() / 1000.0);
        map.put("fsync_max_us", disk.fsync().maxNanos() / 1000.0);

        return map;
    }

    private static Map<String, Object> memory(JetStreamReport report) {
        var map = new LinkedHashMap<String, Object>();
        for (var target : report.peakMemory().keySet()) {
            var server = new LinkedHashMap<String, Object>();
            server.put("peak_rss", report.peakMemory().get(target).peakKib());
            server.put("rss_after_start", report.idleMemory().get(target).currentKib());
            map.put(target.key(), server);
        }

        return map;
    }
}
