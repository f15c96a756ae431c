package io.junction.jetstream.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The transform engine against the results nats-server 2.10 gives for the same source, destination and subject. */
class SubjectTransformTest {
    @ParameterizedTest(name = "{0} -> {1} maps {2} to {3}")
    @CsvSource(
            delimiter = '|',
            value = {
                "foo|bar|foo|bar",
                "|prefix.>|foo.bar|prefix.foo.bar",
                "foo.*.bar.*.baz|req.$2.$1|foo.A.bar.B.baz|req.B.A",
                "foo.*.bar.*.baz|req.{{wildcard(2)}}.{{ Wildcard( 1 ) }}|foo.A.bar.B.baz|req.B.A",
                "baz.>|my.pre.>|baz.1.2.3|my.pre.1.2.3",
                "*.>|x.$1.>|a.b.c|x.a.b.c",
                "*|foo.bar.$1|foo|foo.bar.foo",
                "*|x.$foo|abc|x.$foo",
                "*|{{splitfromleft(1,3)}}|12345|123.45",
                "*|{{SplitFromRight(1,3)}}|12345|12.345",
                "*|{{splitFromLeft(1,9)}}|12345|12345",
                "*|{{SliceFromLeft(1,3)}}|1234567890|123.456.789.0",
                "*|{{SliceFromRight(1,3)}}|1234567890|1.234.567.890",
                "*|{{sliceFromLeft(1,2)}}|123456|12.34.56",
                "*|{{sliceFromRight(1,0)}}|123456|123456",
                "*|{{split(1,-)}}|-abc-def--ghi-|abc.def.ghi",
                "*|{{split(1,-)}}|abc-def--ghi-|abc.def.ghi",
                "*|{{split(1,-)}}|--abc|.abc",
                "*.*|{{split(2,-)}}.{{splitfromleft(1,2)}}|foo.-abc-def--ghij-|abc.def.ghij.fo.o",
                "*|{{right(1,3)}}|1234|234",
                "*|{{left(1,3)}}|1234|123",
                "*|{{left(1,6)}}|1234|1234",
                "*.*|p.{{partition(10,1,2)}}|foo.bar|p.0",
                "*.*|p.{{partition(3,2)}}.$2|foo.bar|p.2.bar",
                "orders.*|o.{{partition(7,1)}}|orders.orders|o.3",
                "a.*.*|{{wildcard(0)}}.$2|a.b.c|a.c",
            })
    void mapsAMatchingSubjectAsNatsServerDoes(String source, String destination, String subject, String expected) {
        var transform = SubjectTransform.compile(source == null ? "" : source, destination);

        assertThat(transform.match(subject)).isEqualTo(expected);
    }

    @Test
    void leavesSubjectsTheSourceDoesNotMatch() {
        var transform = SubjectTransform.compile("a.*", "b.$1");

        assertThat(transform.match("a.x")).isEqualTo("b.x");
        assertThat(transform.match("a.x.y")).isNull();
        assertThat(transform.match("c.x")).isNull();
        assertThat(transform.match("a")).isNull();
        assertThat(transform.match("a.*")).isNull();
    }

    @Test
    void theDestinationPatternCoversEverySubjectTheTransformGives() {
        assertThat(SubjectTransform.compile("a.*.*", "b.$2.{{partition(3,1)}}.x")
                        .destinationPattern())
                .isEqualTo("b.*.*.x");
        assertThat(SubjectTransform.compile("a.*", "b.{{split(1,-)}}.c").destinationPattern())
                .isEqualTo("b.>");
        assertThat(SubjectTransform.compile("a.>", "b.>").destinationPattern()).isEqualTo("b.>");
        assertThat(SubjectTransform.compile("a", "b.c").destinationPattern()).isEqualTo("b.c");
    }

    @Test
    void anEmptyDestinationIsNoTransform() {
        assertThat(SubjectTransform.compile("foo", "")).isNull();
        assertThat(SubjectTransform.compile("", null)).isNull();
    }

    @Test
    void partitionHashesTheTokensConcatenatedWithFnv1a() {
        // 0xbf9cf968 is FNV-1a's published 32-bit hash of "foobar"
        assertThat(SubjectTransform.partition("foobar", 1_000_000)).isEqualTo(Long.toString(0xbf9cf968L % 1_000_000));
        assertThat(SubjectTransform.partition("", 3)).isEqualTo("1");
        assertThat(SubjectTransform.partition("foo", 0)).isEqualTo("0");
    }

    @ParameterizedTest(name = "{0} -> {1} fails with {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "foo..|bar|invalid subject",
                "foo.*|bar.*|invalid subject",
                "foo.*|bar.$1.>|invalid subject",
                "foo.>|bar.baz|invalid subject",
                "foo.*|bar.$2|invalid mapping destination: wildcard index out of range in $2: [2]",
                "foo.*|foo.{{wildcard(2)}}|"
                        + "invalid mapping destination: wildcard index out of range in {{wildcard(2)}}: [2]",
                "foo.*|foo.{{unimplemented(1)}}|invalid mapping destination: unknown function in {{unimplemented(1)}}",
                "foo.*|foo.{{random(3)}}|invalid mapping destination: unknown function in {{random(3)}}",
                "foo.*|foo.{{partition(10)}}|"
                        + "invalid mapping destination: not enough arguments passed to the function in"
                        + " {{partition(10)}}",
                "foo.*|foo.{{wildcard(foo)}}|"
                        + "invalid mapping destination: function argument is invalid or in the wrong format in"
                        + " {{wildcard(foo)}}",
                "foo.*|foo.{{wildcard()}}|"
                        + "invalid mapping destination: not enough arguments passed to the function in"
                        + " {{wildcard()}}",
                "foo.*|foo.{{wildcard(1,2)}}|"
                        + "invalid mapping destination: too many arguments passed to the function in"
                        + " {{wildcard(1,2)}}",
                "foo.*|foo.{{split(1,a b)}}|"
                        + "invalid mapping destination: function argument is invalid or in the wrong format in"
                        + " {{split(1,a b)}}",
                "foo|bla.{{wildcard(1)}}|"
                        + "invalid mapping destination: wildcard index out of range in {{wildcard(1)}}",
                "foo.>|bla.{{wildcard(1)}}.>|"
                        + "invalid mapping destination: wildcard index out of range in {{wildcard(1)}}",
            })
    void refusesWhatNatsServerRefusesWithItsText(String source, String destination, String message) {
        assertThatThrownBy(() -> SubjectTransform.compile(source, destination))
                .isInstanceOf(TransformException.class)
                .hasMessage(message);
    }

    @Test
    void sourceDestinationsKnowTheFunctionsOfNatsServer210SourceCheck() {
        assertThat(MappingDestinations.isValid("")).isTrue();
        assertThat(MappingDestinations.isValid("x.{{wildcard(1)}}.>")).isTrue();
        assertThat(MappingDestinations.isValid("x.{{partition(3,1)}}")).isTrue();
        assertThat(MappingDestinations.isValid("x..y")).isFalse();
        assertThat(MappingDestinations.isValid("x.>.y")).isFalse();
        assertThat(MappingDestinations.isValid("x.{{nope(1)}}")).isFalse();
        assertThat(MappingDestinations.isValid("x.{{left(1,2)}}")).isFalse();
        assertThat(MappingDestinations.isValid("x y")).isFalse();
    }
}
