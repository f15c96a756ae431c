package io.junction.nats.monitor;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The process's resident memory and CPU use, as nats-server reports them in {@code /varz}: {@code mem} in bytes and
 * {@code cpu} as a percentage of one core (so above 100 on several), sampled over at least a second. Thread-safe.
 */
final class ProcessUsage {
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final long SAMPLE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final com.sun.management.OperatingSystemMXBean os;
    private long lastWallNanos;
    private long lastCpuNanos;
    private double cpuPercent;

    ProcessUsage() {
        os = ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class);
    }

    /** {@code VmRSS} from {@code /proc/self/status}; 0 where there is no such file. */
    long residentMemoryBytes() {
        try (var lines = Files.lines(STATUS)) {
            return lines.filter(line -> line.startsWith("VmRSS:"))
                    .findFirst()
                    .map(ProcessUsage::kilobytes)
                    .orElse(0L);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** Since the previous sample when that is at least a second old, else the previous figure; one decimal. */
    synchronized double cpuPercent() {
        var now = System.nanoTime();
        var cpu = os.getProcessCpuTime();
        if (cpu < 0) {
            return 0;
        }
        if (lastWallNanos == 0) {
            var uptimeNanos = TimeUnit.MILLISECONDS.toNanos(
                    ManagementFactory.getRuntimeMXBean().getUptime());
            cpuPercent = percent(cpu, uptimeNanos);
        } else if (now - lastWallNanos >= SAMPLE_NANOS) {
            cpuPercent = percent(cpu - lastCpuNanos, now - lastWallNanos);
        } else {
            return cpuPercent;
        }
        lastWallNanos = now;
        lastCpuNanos = cpu;

        return cpuPercent;
    }

    private static double percent(long cpuNanos, long wallNanos) {
        return wallNanos <= 0 ? 0 : Math.round(cpuNanos * 1000.0 / wallNanos) / 10.0;
    }

    private static long kilobytes(String line) {
        var fields = line.substring("VmRSS:".length()).trim().split("\\s+");
        return Long.parseLong(fields[0]) * 1024;
    }
}
