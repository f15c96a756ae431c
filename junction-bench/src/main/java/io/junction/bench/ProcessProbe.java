package io.junction.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** What Linux's /proc says about a process: resident memory and CPU time consumed. */
final class ProcessProbe {
    private ProcessProbe() {}

    /** Resident memory in KiB: VmHWM (the high-water mark) and VmRSS (now); -1 when /proc has no such entry. */
    record Memory(long peakKib, long currentKib) {}

    static Memory memory(ProcessHandle process) {
        try {
            var status = Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"));

            return new Memory(field(status, "VmHWM:"), field(status, "VmRSS:"));
        } catch (IOException e) {
            return new Memory(-1, -1);
        }
    }

    private static long field(Iterable<String> status, String name) {
        for (var line : status) {
            if (line.startsWith(name)) {
                return Long.parseLong(
                        line.substring(name.length()).replace("kB", "").trim());
            }
        }

        return -1;
    }

    /**
     * The machine's CPU time from the first line of /proc/stat, in clock ticks: busy (user, nice, system, irq,
     * softirq, steal) and the total including idle and iowait.
     */
    record MachineTicks(long busy, long total) {
        static final MachineTicks NONE = new MachineTicks(0, 0);

        MachineTicks minus(MachineTicks earlier) {
            return new MachineTicks(busy - earlier.busy, total - earlier.total);
        }

        /** Busy time as cores: 1.0 is one core busy throughout; NaN when /proc/stat could not be read. */
        double busyCores(int processors) {
            return total <= 0 ? Double.NaN : (double) busy / total * processors;
        }
    }

    static MachineTicks machine() {
        try (var lines = Files.lines(Path.of("/proc/stat"))) {
            var fields = lines.findFirst().orElse("").trim().split("\\s+");
            if (fields.length < 9 || !fields[0].equals("cpu")) {
                return MachineTicks.NONE;
            }
            long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
            long busy = 0;
            for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
                busy += Long.parseLong(fields[i]);
            }

            return new MachineTicks(busy, busy + idle);
        } catch (IOException | NumberFormatException e) {
            return MachineTicks.NONE;
        }
    }

    /** User plus system CPU time so far, in clock ticks' resolution (10 ms on most Linux kernels). */
    static Duration cpu(ProcessHandle process) {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }
}
