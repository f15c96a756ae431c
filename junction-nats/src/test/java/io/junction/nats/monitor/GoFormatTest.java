package io.junction.nats.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class GoFormatTest {
    @Test
    void writesTimesAsRfc3339WithoutTrailingZeros() {
        assertThat(GoFormat.time(Instant.parse("2023-01-05T10:11:12Z"))).isEqualTo("2023-01-05T10:11:12Z");
        assertThat(GoFormat.time(Instant.parse("2023-01-05T10:11:12.120Z"))).isEqualTo("2023-01-05T10:11:12.12Z");
        assertThat(GoFormat.time(Instant.parse("2023-01-05T10:11:12.000000001Z")))
                .isEqualTo("2023-01-05T10:11:12.000000001Z");
    }

    @Test
    void writesDurationsAsGoDurationString() {
        assertThat(GoFormat.duration(0)).isEqualTo("0s");
        assertThat(GoFormat.duration(850)).isEqualTo("850ns");
        assertThat(GoFormat.duration(1_500)).isEqualTo("1.5µs");
        assertThat(GoFormat.duration(2_250_000)).isEqualTo("2.25ms");
        assertThat(GoFormat.duration(1_000_000_000)).isEqualTo("1s");
        assertThat(GoFormat.duration(Duration.ofMillis(1500).toNanos())).isEqualTo("1.5s");
        assertThat(GoFormat.duration(Duration.ofMinutes(2).toNanos())).isEqualTo("2m0s");
        assertThat(GoFormat.duration(Duration.ofSeconds(3723).plusMillis(500).toNanos()))
                .isEqualTo("1h2m3.5s");
        assertThat(GoFormat.duration(-1_500)).isEqualTo("-1.5µs");
    }

    @Test
    void writesUptimesInWholeUnitsLargestFirst() {
        assertThat(GoFormat.uptime(Duration.ofMillis(999))).isEqualTo("0s");
        assertThat(GoFormat.uptime(Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(GoFormat.uptime(Duration.ofSeconds(62))).isEqualTo("1m2s");
        assertThat(GoFormat.uptime(Duration.ofHours(3).plusSeconds(5))).isEqualTo("3h0m5s");
        assertThat(GoFormat.uptime(Duration.ofDays(2).plusHours(1))).isEqualTo("2d1h0m0s");
        assertThat(GoFormat.uptime(Duration.ofDays(366))).isEqualTo("1y1d0h0m0s");
    }
}
