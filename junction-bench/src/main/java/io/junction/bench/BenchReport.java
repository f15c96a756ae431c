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
        scenarios.forEach(results -> problems.addAll(results.problems()));
        problems.addAll(warmupProblems);
        logProblems.forEach((kind, lines) -> lines.forEach(line -> problems.add(kind.label() + " log: " + line)));

        return problems;
    }
}
