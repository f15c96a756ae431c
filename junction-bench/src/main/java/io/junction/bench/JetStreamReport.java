package io.junction.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything a JetStream run found: the rounds of every row, the disk's fsync time, the servers' memory and what
 * went wrong.
 *
 * @param versions what each server said it was when it started
 * @param idleMemory resident memory right after each server accepted its first connection
 * @param peakMemory resident memory at the end, with the high-water mark of the whole run
 * @param setupProblems servers that do not run as the benchmark configured them
 * @param logProblems warnings and errors in each server's log
 * @param warmupProblems what went wrong in the unmeasured warm-up runs
 */
record JetStreamReport(
        JetStreamOptions options,
        DiskProbe.Result disk,
        Map<JetStreamTarget, String> versions,
        List<JetStreamRow> rows,
        Map<JetStreamTarget, ProcessProbe.Memory> idleMemory,
        Map<JetStreamTarget, ProcessProbe.Memory> peakMemory,
        List<String> setupProblems,
        Map<JetStreamTarget, List<String>> logProblems,
        List<String> warmupProblems,
        Path logDirectory) {
    List<ScenarioResults> results() {
        return rows.stream().map(JetStreamRow::results).toList();
    }

    /** Servers not running as configured, rounds that lost or failed something, warm-ups, then log problems. */
    List<String> problems() {
        var problems = new ArrayList<>(setupProblems);
        rows.forEach(row -> problems.addAll(row.results().problems()));
        problems.addAll(warmupProblems);
        logProblems.forEach((target, lines) -> lines.forEach(line -> problems.add(target.label() + " log: " + line)));

        return problems;
    }
}
