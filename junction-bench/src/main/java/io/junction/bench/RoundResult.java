package io.junction.bench;

import java.util.List;

/**
 * One scenario's round against one server.
 *
 * @param messages what the row counts: deliveries to subscribers, published messages when nobody subscribes,
 *     replies for request/reply
 * @param missing expected deliveries that never arrived before the drain timeout (or requests that timed out)
 * @param surplus deliveries beyond those expected, or of the wrong size
 * @param latency request/reply round trips; null for the other scenarios
 * @param problems what the client's error listener heard and connections the server closed
 */
record RoundResult(
        long messages,
        long elapsedNanos,
        CpuShares cpu,
        long missing,
        long surplus,
        Latency latency,
        List<String> problems) {
    static RoundResult of(
            long messages, RoundClock clock, long missing, long surplus, Latency latency, List<String> problems) {
        return new RoundResult(
                messages, clock.elapsedNanos(), clock.cpu(), missing, surplus, latency, List.copyOf(problems));
    }

    /** A round that could not run at all; it is left out of the medians and listed under the problems. */
    static RoundResult failed(Exception cause) {
        return new RoundResult(0, 0, CpuShares.UNKNOWN, 0, 0, null, List.of("round failed: " + cause));
    }

    /** Messages per second; NaN for a failed round. */
    double rate() {
        return elapsedNanos == 0 ? Double.NaN : messages * 1e9 / elapsedNanos;
    }

    /**
     * The server's CPU time for each message counted, in nanoseconds: how hard the server worked, which background
     * load on the machine disturbs less than it disturbs the rate.
     */
    double serverNanosPerMessage() {
        return messages == 0 ? Double.NaN : cpu.server() * elapsedNanos / messages;
    }

    boolean clean() {
        return missing == 0 && surplus == 0 && problems.isEmpty();
    }
}
