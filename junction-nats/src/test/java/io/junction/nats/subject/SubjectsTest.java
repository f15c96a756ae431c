package io.junction.nats.subject;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SubjectsTest {
    @ParameterizedTest
    @ValueSource(strings = {"foo", "foo.bar", "foo.*", "*", ">", "foo.>", "*.*.>", "foo*.bar", "foo>.bar", "$JS.API.>"})
    void acceptsValidSubscriptionSubjects(String subject) {
        assertThat(Subjects.isValidSubject(subject)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "foo.", ".foo", "foo..bar", "foo.>.bar", ">.foo", "foo bar", "foo\tbar", "a.\n"})
    void refusesInvalidSubscriptionSubjects(String subject) {
        assertThat(Subjects.isValidSubject(subject)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"foo,true", "foo.bar,true", "foo.*,false", "foo.>,false", "foo*.bar,true", "*,false"})
    void tellsLiteralSubjects(String subject, boolean literal) {
        assertThat(Subjects.isValidLiteralSubject(subject)).isEqualTo(literal);
    }

    @ParameterizedTest
    @CsvSource({
        "foo.bar,foo.bar,true",
        "foo.bar,foo.*,true",
        "foo.bar,*.*,true",
        "foo.bar,>,true",
        "foo.bar,foo.>,true",
        "foo,foo.>,false",
        "foo.bar.baz,foo.*,false",
        "foo.bar,foo,false",
        "foo,foo.bar,false",
        "foo.bar,fo.bar,false",
        "foob.bar,foo.*,false",
        "foo.bar,*.baz,false"
    })
    void matchesLiteralsAgainstPatterns(String literal, String pattern, boolean matches) {
        assertThat(Subjects.matches(literal, pattern)).isEqualTo(matches);
    }

    @ParameterizedTest
    @CsvSource({
        "foo.*,foo.bar,true",
        "foo.>,*.bar,true",
        "foo.*,bar.*,false",
        "foo.*.baz,foo.bar.*,true",
        "foo.*,foo.*.*,false",
        ">,a.b.c,true"
    })
    void findsOverlappingPatterns(String a, String b, boolean overlaps) {
        assertThat(Subjects.overlaps(a, b)).isEqualTo(overlaps);
        assertThat(Subjects.overlaps(b, a)).isEqualTo(overlaps);
    }
}
