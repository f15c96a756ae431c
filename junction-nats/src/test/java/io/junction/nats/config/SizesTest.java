package io.junction.nats.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SizesTest {
    private static final Position AT = new Position("test.conf", 1, 1);

    @ParameterizedTest
    @CsvSource({
        "0, 0",
        "42, 42",
        "-1, -1",
        "1k, 1000",
        "1K, 1000",
        "2m, 2000000",
        "1g, 1000000000",
        "1G, 1000000000",
        "10G, 10000000000",
        "1t, 1000000000000",
        "1p, 1000000000000000",
        "1e, 1000000000000000000",
        "1kb, 1024",
        "1KB, 1024",
        "1ki, 1024",
        "1KiB, 1024",
        "1mb, 1048576",
        "1MiB, 1048576",
        "1gb, 1073741824",
        "1GB, 1073741824",
        "1Gi, 1073741824",
        "1TB, 1099511627776",
        "1pib, 1125899906842624",
        "1EB, 1152921504606846976",
        "-2kb, -2048"
    })
    void multipliesBarePowersOf1000AndBinarySuffixesPowersOf1024(String text, long expected) {
        assertThat(Sizes.integer(text, AT)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1kbb", "1kbi", "1mbi", "1bi"})
    void rejectsSuffixesNatsServerHasNoMultiplierFor(String text) {
        assertThatThrownBy(() -> Sizes.integer(text, AT))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("test.conf:1:1: unknown size suffix");
    }

    @ParameterizedTest
    @ValueSource(strings = {"9223372036854775808", "10E", "9300000000G"})
    void rejectsIntegersThatDoNotFitIn64Bits(String text) {
        assertThatThrownBy(() -> Sizes.integer(text, AT))
                .isInstanceOf(ConfigException.class)
                .hasMessage("test.conf:1:1: integer '" + text + "' is out of range");
    }

    @ParameterizedTest
    @CsvSource({"1K, 1024", "1M, 1048576", "1G, 1073741824", "10G, 10737418240", "2T, 2199023255552", "'', 0"})
    void readsJetStreamSizeStringsAsPowersOf1024(String text, long expected) {
        assertThat(Sizes.storageString(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1g", "1GB", "1024", "1P", "G", "x1G"})
    void rejectsJetStreamSizeStringsWithoutAnUpperCaseKMGTSuffix(String text) {
        assertThatThrownBy(() -> Sizes.storageString(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
