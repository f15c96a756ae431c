package io.junction.cli.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

/** Durations and payloads as a person types and reads them. */
class ConvertersTest {
    private final DurationConverter durations = new DurationConverter();

    @Test
    void readsGoStyleDurations() {
        assertThat(durations.convert("10s")).isEqualTo(Duration.ofSeconds(10));
        assertThat(durations.convert("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(durations.convert("5d")).isEqualTo(Duration.ofDays(5));
        assertThat(durations.convert("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(durations.convert("0")).isZero();
    }

    @Test
    void rejectsWhatIsNotADuration() {
        for (var text : List.of("soon", "10", "10x", "1h 30m", "")) {
            assertThatThrownBy(() -> durations.convert(text)).as(text).isInstanceOf(TypeConversionException.class);
        }
    }

    @Test
    void printsDurationsByTheirLargestParts() {
        assertThat(Human.duration(Duration.ofMillis(250))).isEqualTo("250ms");
        assertThat(Human.duration(Duration.ofMillis(1500))).isEqualTo("1.5s");
        assertThat(Human.duration(Duration.ofSeconds(150))).isEqualTo("2m30s");
        assertThat(Human.duration(Duration.ofHours(72))).isEqualTo("3d");
    }

    @Test
    void eachInputIsOneJsonPayloadSentAsWritten() {
        var payloads = Payloads.encode(List.of("\"order-123\"", "{\"qty\": 2}"));

        assertThat(payloads.getPayloadsCount()).isEqualTo(2);
        assertThat(payloads.getPayloads(0).getMetadataOrThrow("encoding").toStringUtf8())
                .isEqualTo("json/plain");
        assertThat(payloads.getPayloads(1).getData().toStringUtf8()).isEqualTo("{\"qty\": 2}");
        assertThat(Payloads.text(payloads)).isEqualTo("[\"order-123\",{\"qty\":2}]");
    }

    @Test
    void invalidJsonNamesTheInputItIsIn() {
        assertThatThrownBy(() -> Payloads.encode(List.of("1", "{\"qty\": }")))
                .isInstanceOf(CliException.class)
                .hasMessageStartingWith("input #2 is not valid JSON: ");
        assertThatThrownBy(() -> Payloads.encode(List.of("1 2")))
                .isInstanceOf(CliException.class)
                .hasMessageStartingWith("input #1 is not valid JSON: ");
    }
}
