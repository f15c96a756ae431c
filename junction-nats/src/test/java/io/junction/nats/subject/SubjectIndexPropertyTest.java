package io.junction.nats.subject;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The index against a reference model that compares token lists directly: for any set of subscriptions, any
 * sequence of inserts and removes and any literal subject, the index returns exactly the matching interests, with
 * each queue group complete, also when answers come from its cache.
 */
class SubjectIndexPropertyTest {
    private static final List<String> TOKENS = List.of("a", "b", "c", "*", ">");

    @Property(tries = 300)
    void matchesExactlyWhatTheReferenceModelMatches(
            @ForAll("interests") List<TestInterest> interests,
            @ForAll("literals") List<String> subjects,
            @ForAll("removals") List<Integer> removals) {
        var index = new SubjectIndex<TestInterest>();
        var live = new ArrayList<TestInterest>();
        for (var interest : interests) {
            index.insert(interest);
            live.add(interest);
        }

        for (var subject : subjects) {
            index.match(subject);
        }
        for (var removal : removals) {
            if (!live.isEmpty()) {
                var victim = live.remove(removal % live.size());
                assertThat(index.remove(victim)).isTrue();
            }
        }

        for (var subject : subjects) {
            var result = index.match(subject);
            var expectedPlain = new HashSet<TestInterest>();
            var expectedQueues = new HashSet<String>();
            for (var interest : live) {
                if (referenceMatches(subject, interest.subject())) {
                    if (interest.queue() == null) {
                        expectedPlain.add(interest);
                    } else {
                        expectedQueues.add(interest.queue());
                    }
                }
            }
            assertThat(Set.copyOf(result.plain())).isEqualTo(expectedPlain);
            assertThat(result.plain()).doesNotHaveDuplicates();
            var groups = new HashSet<String>();
            for (var group : result.queueGroups()) {
                var queue = group.getFirst().queue();
                assertThat(groups.add(queue)).isTrue();
                var expectedMembers = live.stream()
                        .filter(i -> queue.equals(i.queue()) && referenceMatches(subject, i.subject()))
                        .toList();
                assertThat(group).containsExactlyInAnyOrderElementsOf(expectedMembers);
            }
            assertThat(groups).isEqualTo(expectedQueues);
        }
        assertThat(index.count()).isEqualTo(live.size());
    }

    @Provide
    Arbitrary<List<TestInterest>> interests() {
        var subject = pattern();
        var queue = Arbitraries.of("q1", "q2").injectNull(0.6);
        return Combinators.combine(subject, queue).as(TestInterest::new).list().ofMaxSize(30);
    }

    @Provide
    Arbitrary<List<String>> literals() {
        return Arbitraries.of("a", "b", "c", "d")
                .list()
                .ofMinSize(1)
                .ofMaxSize(4)
                .map(tokens -> String.join(".", tokens))
                .list()
                .ofMinSize(1)
                .ofMaxSize(10);
    }

    @Provide
    Arbitrary<List<Integer>> removals() {
        return Arbitraries.integers().between(0, 1000).list().ofMaxSize(10);
    }

    private static Arbitrary<String> pattern() {
        return Arbitraries.of(TOKENS).list().ofMinSize(1).ofMaxSize(4).map(tokens -> {
            var valid = new ArrayList<String>();
            for (var token : tokens) {
                valid.add(token);
                if (token.equals(">")) {
                    break;
                }
            }
            return String.join(".", valid);
        });
    }

    /** Token-list comparison, written independently of {@link Subjects#matches}. */
    private static boolean referenceMatches(String literal, String pattern) {
        var l = List.of(literal.split("\\."));
        var p = List.of(pattern.split("\\."));
        for (var i = 0; i < p.size(); i++) {
            if (p.get(i).equals(">")) {
                return l.size() > i;
            }
            if (i >= l.size() || !(p.get(i).equals("*") || p.get(i).equals(l.get(i)))) {
                return false;
            }
        }
        return l.size() == p.size();
    }

    /** Identity matters: two equal-looking interests are two subscriptions. */
    static final class TestInterest implements Interest {
        private final String subject;
        private final String queue;

        TestInterest(String subject, String queue) {
            this.subject = subject;
            this.queue = queue;
        }

        @Override
        public String subject() {
            return subject;
        }

        @Override
        public String queue() {
            return queue;
        }

        @Override
        public String toString() {
            return subject + (queue == null ? "" : " " + queue) + "@" + Integer.toHexString(hashCode());
        }
    }
}
