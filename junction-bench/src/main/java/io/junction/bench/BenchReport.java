package io.junction.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything a run found: the rounds of every scenario, the servers' memory and what went wrong.
 *
 * @param versions what each server said it was when it started
 * @param idleMemory resident memory right after each server accepted its first connection
 * @param peakMemory resident memory at the end, with the high-water mark of the whole run
 * @param logProblems warnings, errors and slow consumers in each server's log
 * @param warmupProblems what went wrong in the unmeasured warm-up runs
 */
record BenchReport(
        BenchOptions options,
        Map<ServerKind, String> versions,
        List<ScenarioResults> scenarios,
        Map<ServerKind, ProcessProbe.Memory> idleMemory,
        Map<ServerKind, ProcessProbe.Memory> peakMemory,
        Map<ServerKind, List<String>> logProblems,
        List<String> warmupProblems,
        Path logDirectory) {
    /** One line for each round that lost, duplicated or failed something, then each server's log problems. */
    List<String> problems() {
        var problems = new ArrayList<String>();
        for (var results : scenarios) {
            for (var kind : ServerKind.values()) {
                var rounds = results.rounds(kind);
                for (int i = 0; i < rounds.size(); i++) {
                    var round = rounds.get(i);
                    if (!round.clean()) {
                        problems.add(describe(results.scenario(), kind, i + 1, round));
                    }
                }
            }
        }
        problems.addAll(warmupProblems);
        logProblems.forEach((kind, lines) -> lines.forEach(line -> problems.add(kind.label() + " log: " + line)));

        return problems;
    }

    private static String describe(Scenario scenario, ServerKind kind, int round, RoundResult result) {
        var text = new StringBuilder(scenario.title() + ", " + kind.label() + ", round " + round + ":");
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
