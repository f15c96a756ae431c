package io.junction.nats.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigSyntaxTest {
    @Test
    void separatesKeyAndValueWithEqualsColonOrWhiteSpace() {
        var parsed = Plain.parse("a = 1\nb: 2\nc 3\nd=4\ne:5\nf\t6");

        assertThat(parsed)
                .containsExactly(
                        Map.entry("a", 1L),
                        Map.entry("b", 2L),
                        Map.entry("c", 3L),
                        Map.entry("d", 4L),
                        Map.entry("e", 5L),
                        Map.entry("f", 6L));
    }

    @Test
    void skipsHashAndDoubleSlashCommentsEverywhere() {
        var parsed = Plain.parse("""
                # leading comment
                // another
                port: 4222 # after a value
                host: localhost // also after a value
                list [ # in an array
                  a // after an element
                  b
                ]
                block { # in a map
                  x: 1 # after an entry
                  // before a key
                  y: 2
                }
                """);

        assertThat(parsed)
                .containsEntry("port", 4222L)
                .containsEntry("host", "localhost")
                .containsEntry("list", List.of("a", "b"))
                .containsEntry("block", Map.of("x", 1L, "y", 2L));
    }

    @Test
    void readsMapsWithOrWithoutSeparatorAndEntriesSeparatedByNewLineCommaOrSemicolon() {
        var parsed = Plain.parse("a {x: 1}\nb: {x: 1, y: 2}\nc = {x: 1; y: 2}\nd {\n  x: 1\n  y: 2\n}\ne {}");

        assertThat(parsed)
                .containsEntry("a", Map.of("x", 1L))
                .containsEntry("b", Map.of("x", 1L, "y", 2L))
                .containsEntry("c", Map.of("x", 1L, "y", 2L))
                .containsEntry("d", Map.of("x", 1L, "y", 2L))
                .containsEntry("e", Map.of());
    }

    @Test
    void readsArraysSeparatedByNewLinesOrCommas() {
        var parsed = Plain.parse("a [x, y, z]\nb: [\n  x\n  y,\n  z\n]\nc = []\nd [[1, 2 ], {k: v}]");

        assertThat(parsed)
                .containsEntry("a", List.of("x", "y", "z"))
                .containsEntry("b", List.of("x", "y", "z"))
                .containsEntry("c", List.of())
                .containsEntry("d", List.of(List.of(1L, 2L), Map.of("k", "v")));
    }

    @Test
    void rejectsSemicolonsBetweenArrayElementsAsNatsServerDoes() {
        assertThatThrownBy(() -> Plain.parse("a [x; y]"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("test.conf:1:5: expected ',' or ']' after an array value, got ';'");
    }

    @Test
    void readsBareDoubleQuotedAndSingleQuotedStrings() {
        var parsed = Plain.parse("""
                bare: nats-route://nats-1:6222/path?x=1
                double: "a b # not a comment"
                single: 'it is $NOT a variable'
                empty: ""
                """);

        assertThat(parsed)
                .containsEntry("bare", "nats-route://nats-1:6222/path?x=1")
                .containsEntry("double", "a b # not a comment")
                .containsEntry("single", "it is $NOT a variable")
                .containsEntry("empty", "");
    }

    @Test
    void interpretsEscapesInDoubleQuotedAndBareStringsButNotInSingleQuotedOnes() {
        var parsed = Plain.parse("dq: \"tab\\tnl\\ncr\\rquote\\\"backslash\\\\hex\\x41utf8\\xc3\\xa9\"\n"
                + "bare: a\\tb\n"
                + "sq: 'a\\tb'\n");

        assertThat(parsed)
                .containsEntry("dq", "tab\tnl\ncr\rquote\"backslash\\hexAutf8\u00e9")
                .containsEntry("bare", "a\tb")
                .containsEntry("sq", "a\\tb");
    }

    @Test
    void readsBlockStringsUpToAClosingParenthesisOnALineOfItsOwn() {
        var parsed = Plain.parse("text: (\nfirst line (with parens)\n  second )\n)\nafter: 1\n");

        assertThat(parsed)
                .containsEntry("text", "\nfirst line (with parens)\n  second )\n")
                .containsEntry("after", 1L);
    }

    @Test
    void readsAllBooleanSpellingsInAnyCase() {
        var parsed = Plain.parse("a: true\nb: YES\nc: On\nd: false\ne: no\nf: OFF\ng: \"true\"");

        assertThat(parsed)
                .containsEntry("a", true)
                .containsEntry("b", true)
                .containsEntry("c", true)
                .containsEntry("d", false)
                .containsEntry("e", false)
                .containsEntry("f", false)
                .containsEntry("g", "true");
    }

    @Test
    void readsIntegersFloatsDatesAndAddressesAsNatsServerTypesThem() {
        var parsed = Plain.parse("""
                int: 42
                negative: -7
                float: 0.5
                negative_float: -1.25
                ip: 127.0.0.1
                listen: 127.0.0.1:4222
                date: 2023-01-31T12:30:00Z
                starts_with_digit: 4kids.example.com
                """);

        assertThat(parsed)
                .containsEntry("int", 42L)
                .containsEntry("negative", -7L)
                .containsEntry("float", 0.5)
                .containsEntry("negative_float", -1.25)
                .containsEntry("ip", "127.0.0.1")
                .containsEntry("listen", "127.0.0.1:4222")
                .containsEntry("date", Instant.parse("2023-01-31T12:30:00Z"))
                .containsEntry("starts_with_digit", "4kids.example.com");
    }

    @Test
    void keepsUnquotedDurationsAsStringsUnlessTheyLookLikeASizedNumber() {
        var parsed = Plain.parse("a: 10s\nb: 1h30m\nc: 250ms\nd: 2m\ne: \"2m\"");

        assertThat(parsed)
                .containsEntry("a", "10s")
                .containsEntry("b", "1h30m")
                .containsEntry("c", "250ms")
                .containsEntry("d", 2_000_000L)
                .containsEntry("e", "2m");
    }

    @Test
    void readsTheLastNumberOfAnArrayClosedWithoutSpaceAsAStringAsNatsServerDoes() {
        var parsed = Plain.parse("a [1, 2]\nb [1, 2 ]");

        assertThat(parsed).containsEntry("a", List.of(1L, "2")).containsEntry("b", List.of(1L, 2L));
    }

    @Test
    void acceptsQuotedKeysAndKeysOfAnyCharacter() {
        var parsed = Plain.parse("\"a key\": 1\n'b:c' = 2\nuser!@#: 3\nm { \"x y\": 4 }");

        assertThat(parsed)
                .containsEntry("a key", 1L)
                .containsEntry("b:c", 2L)
                .containsEntry("user!@#", 3L)
                .containsEntry("m", Map.of("x y", 4L));
    }

    @Test
    void acceptsAJsonStyleDocument() {
        var parsed = Plain.parse("{\n  \"port\": 4222,\n  \"jetstream\": {\"max_mem\": \"1G\"}\n}\n");

        assertThat(parsed).containsEntry("port", 4222L).containsEntry("jetstream", Map.of("max_mem", "1G"));
    }

    @Test
    void letsTheLastOfTwoEqualKeysWin() {
        var parsed = Plain.parse("port: 1\nhost: h\nport: 2");

        assertThat(parsed).containsExactly(Map.entry("port", 2L), Map.entry("host", "h"));
    }

    @Test
    void endsABareStringAtASingleQuoteAndDropsTheQuote() {
        var parsed = Plain.parse("a: true'\nb: x'  # rest");

        assertThat(parsed).containsEntry("a", "true").containsEntry("b", "x");
        assertThatThrownBy(() -> Plain.parse("c: it's"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("test.conf:1:7: expected a new line or ';' after the value of 'c', got 's'");
    }

    @Test
    void endsTopLevelValuesAtSemicolonsAndCommas() {
        var parsed = Plain.parse("a: 1; b: 2, c: x;");

        assertThat(parsed).containsEntry("a", 1L).containsEntry("b", 2L).containsEntry("c", "x");
    }

    @Test
    void takesAValueOnTheNextLineWhenKeyAndValueAreSeparatedByWhiteSpaceOnly() {
        var parsed = Plain.parse("port\n  4222\nm {\n  a:\n    1\n}");

        assertThat(parsed).containsEntry("port", 4222L).containsEntry("m", Map.of("a", 1L));
    }
}
