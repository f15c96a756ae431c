package io.junction.nats.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoDurationTest {
    @ParameterizedTest
    @CsvSource({
        "0, PT0S",
        "-0, PT0S",
        "10s, PT10S",
        "2m, PT2M",
        "1h30m, PT1H30M",
        "2h45m30.5s, PT2H45M30.5S",
        "1.5h, PT1H30M",
        ".5s, PT0.5S",
        "1.s, PT1S",
        "300ms, PT0.3S",
        "-1s, PT-1S",
        "+5s, PT5S",
        "1us, PT0.000001S",
        "1\u00b5s, PT0.000001S",
        "1\u03bcs, PT0.000001S",
        "10ns, PT0.00000001S",
        "1m1m, PT2M"
    })
    void parsesGoDurations(String text, Duration expected) {
        assertThat(GoDuration.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "''|time: invalid duration \"\"",
                "-|time: invalid duration \"-\"",
                "s|time: invalid duration \"s\"",
                ".s|time: invalid duration \".s\"",
                "1|time: missing unit in duration \"1\"",
                "1s2|time: missing unit in duration \"1s2\"",
                "5x|time: unknown unit \"x\" in duration \"5x\"",
                "1 s|time: unknown unit \" s\" in duration \"1 s\"",
                "3000000h|time: invalid duration \"3000000h\""
            })
    void rejectsWhatGoRejectsWithGoMessages(String text, String message) {
        assertThatThrownBy(() -> GoDuration.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }
}
