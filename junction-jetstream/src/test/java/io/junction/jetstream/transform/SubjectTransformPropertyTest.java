package io.junction.jetstream.transform;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.nats.subject.Subjects;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Laws of the transform engine over random subjects, each checked against an oracle the engine does not use. */
class SubjectTransformPropertyTest {
    private static final List<String> PATTERNS = List.of("*", "a.*", "*.*", "a.>", "*.>", "a.*.c", ">", "*.b.*");

    @Property
    void matchesExactlyTheSubjectsTheSourcePatternMatches(
            @ForAll("subjects") String subject, @ForAll("patterns") String source) {
        var transform = SubjectTransform.compile(source, "out." + destinationFor(source));

        var result = transform.match(subject);

        assertThat(result != null).isEqualTo(Subjects.matches(subject, source));
    }

    @Property
    void wildcardsReorderTheSubjectsTokens(
            @ForAll("tokens") String a, @ForAll("tokens") String b, @ForAll("tokens") String c) {
        var transform = SubjectTransform.compile("*.*.*", "{{wildcard(3)}}.x.$1.{{Wildcard(2)}}");

        assertThat(transform.match(a + "." + b + "." + c)).isEqualTo(c + ".x." + a + "." + b);
    }

    @Property
    void fullWildcardCarriesEveryRemainingToken(@ForAll("subjects") String rest) {
        var transform = SubjectTransform.compile("in.>", "out.>");

        assertThat(transform.match("in." + rest)).isEqualTo("out." + rest);
    }

    @Property
    void partitionIsStableAndInRange(
            @ForAll("tokens") String key, @ForAll("tokens") String other, @ForAll @IntRange(min = 1, max = 64) int n) {
        var transform = SubjectTransform.compile("*.*", "p.{{partition(" + n + ",1)}}");

        var first = transform.match(key + "." + other);
        var second = transform.match(key + ".z" + other);

        assertThat(first).isEqualTo(second);
        var partition = Integer.parseInt(first.substring(2));
        assertThat(partition).isBetween(0, n - 1).isEqualTo(fnv1a(key) % n);
    }

    @Property
    void slicesJoinBackToTheTokenInPiecesOfTheSize(
            @ForAll("tokens") String token, @ForAll @IntRange(min = 1, max = 5) int size) {
        var left = SubjectTransform.compile("*", "{{sliceFromLeft(1," + size + ")}}")
                .match(token);
        var right = SubjectTransform.compile("*", "{{sliceFromRight(1," + size + ")}}")
                .match(token);

        assertThat(left.replace(".", "")).isEqualTo(token);
        assertThat(right.replace(".", "")).isEqualTo(token);
        var leftPieces = left.split("\\.");
        var rightPieces = right.split("\\.");
        for (var i = 0; i < leftPieces.length - 1; i++) {
            assertThat(leftPieces[i]).hasSize(size);
        }
        for (var i = 1; i < rightPieces.length; i++) {
            assertThat(rightPieces[i]).hasSize(size);
        }
    }

    @Property
    void splitAtAPositionCutsTheTokenInTwoWhenItIsLongEnough(
            @ForAll("tokens") String token, @ForAll @IntRange(min = 0, max = 8) int position) {
        var left = SubjectTransform.compile("*", "{{splitFromLeft(1," + position + ")}}")
                .match(token);
        var right = SubjectTransform.compile("*", "{{splitFromRight(1," + position + ")}}")
                .match(token);

        if (position > 0 && position < token.length()) {
            assertThat(left).isEqualTo(token.substring(0, position) + "." + token.substring(position));
            var cut = token.length() - position;
            assertThat(right).isEqualTo(token.substring(0, cut) + "." + token.substring(cut));
        } else {
            assertThat(left).isEqualTo(token);
            assertThat(right).isEqualTo(token);
        }
    }

    /**
     * The non-empty parts as tokens; nats-server 2.10 writes a separator too many (a leading dot) when the token
     * starts with two delimiters or more, and so does Junction, since clients see what that server does.
     */
    @Property
    void splitOnADelimiterGivesTheNonEmptyParts(@ForAll("dashed") String token) {
        var expected =
                Arrays.stream(token.split("-")).filter(part -> !part.isEmpty()).toList();

        var result = SubjectTransform.compile("*", "{{split(1,-)}}").match(token);

        var leadingDot = token.startsWith("--") && !expected.isEmpty();
        assertThat(result.startsWith(".")).isEqualTo(leadingDot);
        var parts = leadingDot ? result.substring(1) : result;
        assertThat(parts.isEmpty() ? List.of() : List.of(parts.split("\\."))).isEqualTo(expected);
    }

    @Provide
    Arbitrary<String> tokens() {
        return Arbitraries.strings().withChars("abcxyz0123").ofMinLength(1).ofMaxLength(8);
    }

    @Provide
    Arbitrary<String> dashed() {
        return Arbitraries.strings().withChars("ab-").ofMinLength(1).ofMaxLength(10);
    }

    @Provide
    Arbitrary<String> subjects() {
        return Arbitraries.strings()
                .withChars("abc")
                .ofMinLength(1)
                .ofMaxLength(2)
                .list()
                .ofMinSize(1)
                .ofMaxSize(4)
                .map(tokens -> String.join(".", tokens));
    }

    @Provide
    Arbitrary<String> patterns() {
        return Arbitraries.of(PATTERNS);
    }

    /** A destination using every wildcard of the source, and ending in {@code >} when the source does. */
    private static String destinationFor(String source) {
        var tokens = source.split("\\.");
        var out = new StringBuilder("t");
        var wildcard = 0;
        for (var token : tokens) {
            if (token.equals("*")) {
                out.append(".$").append(++wildcard);
            } else if (token.equals(">")) {
                out.append(".>");
            }
        }
        return out.toString();
    }

    private static long fnv1a(String key) {
        var hash = 0x811c9dc5L;
        for (var b : key.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash = (hash * 0x01000193L) & 0xffffffffL;
        }
        return hash;
    }
}
