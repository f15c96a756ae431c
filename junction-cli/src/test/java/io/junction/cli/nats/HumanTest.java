package io.junction.cli.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HumanTest {
    @Test
    void readsSizesInUnitsOf1024AndPlainNumbersAsBytes() {
        assertThat(Human.parseBytes("512")).isEqualTo(512);
        assertThat(Human.parseBytes("1K")).isEqualTo(1024);
        assertThat(Human.parseBytes("1KB")).isEqualTo(1024);
        assertThat(Human.parseBytes("2MiB")).isEqualTo(2 * 1024 * 1024);
        assertThat(Human.parseBytes("1gb")).isEqualTo(1024L * 1024 * 1024);
        assertThat(Human.parseBytes("-1")).isEqualTo(-1);
        assertThatThrownBy(() -> Human.parseBytes("lots")).hasMessageContaining("invalid size \"lots\"");
    }

    @Test
    void readsDurationsAsTheNatsCliWritesThem() {
        assertThat(Human.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Human.parseDuration("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Human.parseDuration("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(Human.parseDuration("2d")).isEqualTo(Duration.ofDays(2));
        assertThat(Human.parseDuration("0")).isZero();
        assertThatThrownBy(() -> Human.parseDuration("5 minutes")).hasMessageContaining("invalid duration");
    }

    @Test
    void writesSizesDurationsAndCountsShort() {
        assertThat(Human.bytes(0)).isEqualTo("0 B");
        assertThat(Human.bytes(1536)).isEqualTo("1.5 KiB");
        assertThat(Human.bytes(50L * 1024 * 1024)).isEqualTo("50 MiB");
        assertThat(Human.duration(Duration.ofMillis(250))).isEqualTo("250ms");
        assertThat(Human.duration(Duration.ofSeconds(150))).isEqualTo("2m30s");
        assertThat(Human.duration(Duration.ofHours(28))).isEqualTo("1d4h");
        assertThat(Human.count(1234567)).isEqualTo("1,234,567");
        assertThat(Human.limit(-1)).isEqualTo("unlimited");
    }
}
