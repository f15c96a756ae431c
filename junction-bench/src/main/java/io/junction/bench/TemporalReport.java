package io.junction.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything a Temporal run found: the rounds on both servers, the disk's fsync time, the servers' memory and what
 * went wrong.
 *
 * @param load what each client thread did, for the notes under the table
 * @param idleMemory resident memory right after each server started serving
 * @param peakMemory resident memory at the end, with the high-water mark of the whole run
 * @param logProblems warnings and errors in each server's log
 * @param warmupProblems what went wrong in the unmeasured warm-up runs
 */
record TemporalReport(
        TemporalOptions options,
        String load,
        DiskProbe.Result disk,
        TemporalResults results,
        Map<TemporalTarget, ProcessProbe.Memory> idleMemory,
        Map<TemporalTarget, ProcessProbe.Memory> peakMemory,
        Map<TemporalTarget, List<String>> logProblems,
        List<String> warmupProblems,
        Path logDirectory) {
    /** The SDK's version, which the in-memory server shares: both come from the same release. */
    static String sdkVersion() {
        return io.temporal.serviceclient.Version.LIBRARY_VERSION;
    }

    /** Rounds that failed something, warm-ups, then log problems. */
    List<String> problems() {
        var problems = new ArrayList<>(results.problems());
        problems.addAll(warmupProblems);
        logProblems.forEach((target, lines) -> lines.forEach(line -> problems.add(target.label() + " log: " + line)));

        return problems;
    }
}
