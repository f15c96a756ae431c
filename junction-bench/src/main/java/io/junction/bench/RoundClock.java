package io.junction.bench;

import java.time.Duration;

/**
 * Times one round and the CPU spent in it by the server, by this client and by the rest of the machine, so a row
 * can show which side ran out of CPU. A scenario starts it when the load starts and stops it when the last message
 * has arrived.
 */
final class RoundClock {
    private final ProcessHandle server;
    private final ProcessHandle client = ProcessHandle.current();
    private long startNanos;
    private long stopNanos;
    private Duration serverCpu = Duration.ZERO;
    private Duration clientCpu = Duration.ZERO;
    private ProcessProbe.MachineTicks machine = ProcessProbe.MachineTicks.NONE;

    RoundClock(ProcessHandle server) {
        this.server = server;
    }

    void start() {
        machine = ProcessProbe.machine();
        serverCpu = ProcessProbe.cpu(server);
        clientCpu = ProcessProbe.cpu(client);
        startNanos = System.nanoTime();
    }

    void stop() {
        stopNanos = System.nanoTime();
        serverCpu = ProcessProbe.cpu(server).minus(serverCpu);
        clientCpu = ProcessProbe.cpu(client).minus(clientCpu);
        machine = ProcessProbe.machine().minus(machine);
    }

    long startNanos() {
        return startNanos;
    }

    long elapsedNanos() {
        return stopNanos - startNanos;
    }

    CpuShares cpu() {
        double elapsed = elapsedNanos();
        double server = serverCpu.toNanos() / elapsed;
        double client = clientCpu.toNanos() / elapsed;
        double busy = machine.busyCores(Runtime.getRuntime().availableProcessors());

        return new CpuShares(server, client, Math.max(0, busy - server - client));
    }
}
