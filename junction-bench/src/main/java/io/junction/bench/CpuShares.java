package io.junction.bench;

/**
 * CPU spent during a round over its wall time, so 1.0 is one core busy throughout: by the server under test, by this
 * benchmark's client, and by everything else on the machine (other users' work, the idle server, the kernel).
 */
record CpuShares(double server, double client, double others) {
    static final CpuShares UNKNOWN = new CpuShares(Double.NaN, Double.NaN, Double.NaN);
}
