package io.junction.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The report as JSON, every round included, for scripts that track the figures over time. */
final class JsonReport {
    private JsonReport() {}

    static String render(BenchReport report) {
        var root = new LinkedHashMap<String, Object>();
        root.put("options", options(report.options()));
        root.put("cpus", Runtime.getRuntime().availableProcessors());
        var versions = new LinkedHashMap<String, Object>();
        report.versions().forEach((kind, version) -> versions.put(kind.key(), version));
        root.put("versions", versions);
        var scenarios = new ArrayList<Object>();
        for (var results : report.scenarios()) {
            scenarios.add(scenario(results));
        }
        root.put("scenarios", scenarios);
        root.put("memory_kib", memory(report));
        root.put("problems", report.problems());
        root.put("server_logs", report.logDirectory().toString());

        return Json.render(root);
    }

    private static Map<String, Object> options(BenchOptions options) {
        var map = new LinkedHashMap<String, Object>();
        map.put("rounds", options.rounds());
        map.put("seconds", options.duration().toMillis() / 1000.0);
        map.put("message_size", options.messageSize());
        map.put("publishers", options.publishers());
        map.put("subscribers", options.subscribers());
        map.put("requesters", options.requesters());
        map.put("window", options.window());
        map.put("junction_jvm_options", options.junctionJvmOptions());

        return map;
    }

    /** One scenario with its ratios and, for each server, its medians and every round. */
    static Map<String, Object> scenario(ScenarioResults results) {
        var map = new LinkedHashMap<String, Object>();
        map.put("key", results.scenario().key());
        map.put("title", results.scenario().title());
        map.put("description", results.scenario().description());
        var ratios = results.rateRatios();
        map.put("ratio_median", Stats.median(ratios));
        map.put("ratio_min", Stats.min(ratios));
        map.put("ratio_max", Stats.max(ratios));
        for (var kind : ServerKind.values()) {
            var server = new LinkedHashMap<String, Object>();
            server.put("msgs_per_s_median", results.medianRate(kind));
            server.put("server_cpu_ns_per_msg_median", results.medianServerCost(kind));
            if (results.hasLatency()) {
                server.put("latency_p50_us_median", results.medianLatency(kind, false));
                server.put("latency_p99_us_median", results.medianLatency(kind, true));
            }
            server.put("rounds", rounds(results.rounds(kind)));
            map.put(kind.key(), server);
        }

        return map;
    }

    private static List<Object> rounds(List<RoundResult> rounds) {
        var list = new ArrayList<Object>();
        for (var round : rounds) {
            var map = new LinkedHashMap<String, Object>();
            map.put("msgs_per_s", round.rate());
            map.put("messages", round.messages());
            map.put("seconds", round.elapsedNanos() / 1e9);
            map.put("cpu_server", round.cpu().server());
            map.put("cpu_client", round.cpu().client());
            map.put("cpu_others", round.cpu().others());
            map.put("server_cpu_ns_per_msg", round.serverNanosPerMessage());
            map.put("missing", round.missing());
            map.put("surplus", round.surplus());
            if (round.latency() != null) {
                map.put("latency_p50_us", round.latency().p50Nanos() / 1000.0);
                map.put("latency_p99_us", round.latency().p99Nanos() / 1000.0);
                map.put("latency_max_us", round.latency().maxNanos() / 1000.0);
            }
            map.put("problems", round.problems());
            list.add(map);
        }

        return list;
    }

    private static Map<String, Object> memory(BenchReport report) {
        var map = new LinkedHashMap<String, Object>();
        for (var kind : ServerKind.values()) {
            var server = new LinkedHashMap<String, Object>();
            server.put("peak_rss", report.peakMemory().get(kind).peakKib());
            server.put("rss_after_start", report.idleMemory().get(kind).currentKib());
            map.put(kind.key(), server);
        }

        return map;
    }
}
