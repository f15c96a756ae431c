package io.junction.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** The Temporal report as JSON, every round included, for scripts that track the figures over time. */
final class TemporalJsonReport {
    private TemporalJsonReport() {}

    static String render(TemporalReport report) {
        var options = report.options();
        var root = new LinkedHashMap<String, Object>();
        var given = new LinkedHashMap<String, Object>();
        given.put("rounds", options.rounds());
        given.put("seconds", options.duration().toMillis() / 1000.0);
        given.put("warmup_seconds", options.warmup().toMillis() / 1000.0);
        given.put("concurrency", options.concurrency());
        given.put("server_jvm_options", options.serverJvmOptions());
        root.put("options", given);
        root.put("cpus", Runtime.getRuntime().availableProcessors());
        root.put("sdk_version", TemporalReport.sdkVersion());
        root.put("load", report.load());
        root.put("fsync_p50_ms", report.disk().fsync().p50Nanos() / 1e6);
        root.put("fsync_p99_ms", report.disk().fsync().p99Nanos() / 1e6);
        var results = report.results();
        root.put("ratio_workflows_per_s", ratios(results, RoundResult::rate));
        root.put("ratio_latency_p50", ratios(results, r -> TemporalResults.latencyMillis(r, false)));
        root.put("ratio_latency_p99", ratios(results, r -> TemporalResults.latencyMillis(r, true)));
        for (var target : TemporalTarget.values()) {
            root.put(target.key(), server(report, target));
        }
        root.put("problems", report.problems());
        root.put("server_logs", report.logDirectory().toString());

        return Json.render(root);
    }

    private static Map<String, Object> ratios(TemporalResults results, ToDoubleFunction<RoundResult> value) {
        var ratios = results.ratios(value);
        var map = new LinkedHashMap<String, Object>();
        map.put("median", Stats.median(ratios));
        map.put("min", Stats.min(ratios));
        map.put("max", Stats.max(ratios));

        return map;
    }

    private static Map<String, Object> server(TemporalReport report, TemporalTarget target) {
        var results = report.results();
        var map = new LinkedHashMap<String, Object>();
        map.put("workflows_per_s_median", results.median(target, RoundResult::rate));
        map.put("latency_p50_ms_median", results.median(target, r -> TemporalResults.latencyMillis(r, false)));
        map.put("latency_p99_ms_median", results.median(target, r -> TemporalResults.latencyMillis(r, true)));
        map.put("server_cpu_ns_per_workflow_median", results.median(target, RoundResult::serverNanosPerMessage));
        map.put("peak_rss_kib", report.peakMemory().get(target).peakKib());
        map.put("rss_after_start_kib", report.idleMemory().get(target).currentKib());
        map.put("rounds", rounds(results.rounds(target)));

        return map;
    }

    private static List<Object> rounds(List<RoundResult> rounds) {
        var list = new ArrayList<Object>();
        for (var round : rounds) {
            var map = new LinkedHashMap<String, Object>();
            map.put("workflows_per_s", round.rate());
            map.put("workflows", round.messages());
            map.put("seconds", round.elapsedNanos() / 1e9);
            map.put("cpu_server", round.cpu().server());
            map.put("cpu_client", round.cpu().client());
            map.put("cpu_others", round.cpu().others());
            map.put("failed", round.missing());
            map.put("wrong_results", round.surplus());
            map.put("latency_p50_ms", TemporalResults.latencyMillis(round, false));
            map.put("latency_p99_ms", TemporalResults.latencyMillis(round, true));
            map.put("problems", round.problems());
            list.add(map);
        }

        return list;
    }
}
