package io.junction.bench;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The rounds of one scenario on both servers. Round {@code i} of one server ran next to round {@code i} of the
 * other, so their ratio compares the two under the same background noise.
 */
final class ScenarioResults {
    private final Scenario scenario;
    private final Map<ServerKind, List<RoundResult>> rounds = new EnumMap<>(ServerKind.class);

    ScenarioResults(Scenario scenario) {
        this.scenario = scenario;
        for (var kind : ServerKind.values()) {
            rounds.put(kind, new ArrayList<>());
        }
    }

    Scenario scenario() {
        return scenario;
    }

    void add(ServerKind kind, RoundResult result) {
        rounds.get(kind).add(result);
    }

    List<RoundResult> rounds(ServerKind kind) {
        return rounds.get(kind);
    }

    double medianRate(ServerKind kind) {
        return Stats.median(rounds(kind), RoundResult::rate);
    }

    /** Junction's rate over nats-server's, round by round. */
    double[] rateRatios() {
        return ratios(RoundResult::rate);
    }

    double medianServerCost(ServerKind kind) {
        return Stats.median(rounds(kind), RoundResult::serverNanosPerMessage);
    }

    double[] serverCostRatios() {
        return ratios(RoundResult::serverNanosPerMessage);
    }

    double medianLatency(ServerKind kind, boolean p99) {
        return Stats.median(rounds(kind), r -> latencyMicros(r, p99));
    }

    double[] latencyRatios(boolean p99) {
        return ratios(r -> latencyMicros(r, p99));
    }

    boolean hasLatency() {
        return scenario instanceof RequestReplyScenario;
    }

    private static double latencyMicros(RoundResult result, boolean p99) {
        var latency = result.latency();
        if (latency == null || latency.samples() == 0) {
            return Double.NaN;
        }

        return (p99 ? latency.p99Nanos() : latency.p50Nanos()) / 1000.0;
    }

    private double[] ratios(ToDoubleFunction<RoundResult> value) {
        var nats = rounds(ServerKind.NATS_SERVER);
        var junction = rounds(ServerKind.JUNCTION);
        int count = Math.min(nats.size(), junction.size());
        var ratios = new double[count];
        for (int i = 0; i < count; i++) {
            ratios[i] = value.applyAsDouble(junction.get(i)) / value.applyAsDouble(nats.get(i));
        }

        return ratios;
    }

    /** One line for each round that lost, duplicated or failed something. */
    List<String> problems() {
        var problems = new ArrayList<String>();
        for (var kind : ServerKind.values()) {
            var list = rounds(kind);
            for (int i = 0; i < list.size(); i++) {
                if (!list.get(i).clean()) {
                    problems.add(describe(kind, i + 1, list.get(i)));
                }
            }
        }

        return problems;
    }

    private String describe(ServerKind kind, int round, RoundResult result) {
        var text = new StringBuilder(scenario.title().strip() + ", " + kind.label() + ", round " + round + ":");
        if (result.missing() > 0) {
            text.append(" ").append(result.missing()).append(" missing");
        }
        if (result.surplus() > 0) {
            text.append(" ").append(result.surplus()).append(" unexpected or malformed");
        }
        for (var problem : result.problems()) {
            text.append(" ").append(problem).append(";");
        }

        return text.toString();
    }
}
