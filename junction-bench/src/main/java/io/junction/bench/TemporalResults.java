package io.junction.bench;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The measured rounds on both Temporal servers. Round {@code i} of one server ran next to round {@code i} of the
 * other, so their ratio compares the two under the same background noise.
 */
final class TemporalResults {
    private final Map<TemporalTarget, List<RoundResult>> rounds = new EnumMap<>(TemporalTarget.class);

    TemporalResults() {
        for (var target : TemporalTarget.values()) {
            rounds.put(target, new ArrayList<>());
        }
    }

    void add(TemporalTarget target, RoundResult result) {
        rounds.get(target).add(result);
    }

    List<RoundResult> rounds(TemporalTarget target) {
        return rounds.get(target);
    }

    double median(TemporalTarget target, ToDoubleFunction<RoundResult> value) {
        return Stats.median(rounds(target), value);
    }

    /** Junction's value over the in-memory server's, round by round. */
    double[] ratios(ToDoubleFunction<RoundResult> value) {
        var inMemory = rounds(TemporalTarget.IN_MEMORY);
        var junction = rounds(TemporalTarget.JUNCTION);
        int count = Math.min(inMemory.size(), junction.size());
        var ratios = new double[count];
        for (int i = 0; i < count; i++) {
            ratios[i] = value.applyAsDouble(junction.get(i)) / value.applyAsDouble(inMemory.get(i));
        }

        return ratios;
    }

    /** A round's latency percentile in milliseconds; NaN when the round finished no workflow. */
    static double latencyMillis(RoundResult result, boolean p99) {
        var latency = result.latency();
        if (latency == null || latency.samples() == 0) {
            return Double.NaN;
        }

        return (p99 ? latency.p99Nanos() : latency.p50Nanos()) / 1e6;
    }

    /** One line for each round that failed or returned a wrong result. */
    List<String> problems() {
        var problems = new ArrayList<String>();
        for (var target : TemporalTarget.values()) {
            var list = rounds(target);
            for (int i = 0; i < list.size(); i++) {
                var result = list.get(i);
                if (!result.clean()) {
                    problems.add(target.label() + ", round " + (i + 1) + ": " + result.missing() + " failed, "
                            + result.surplus() + " wrong results " + result.problems());
                }
            }
        }

        return problems;
    }
}
