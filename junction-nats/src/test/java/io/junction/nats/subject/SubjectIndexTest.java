package io.junction.nats.subject;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SubjectIndexTest {
    record Sub(String subject, String queue) implements Interest {}

    @Test
    void dropsCachedResultsThatANewWildcardSubscriptionChanges() {
        var index = new SubjectIndex<Sub>();
        var literal = new Sub("orders.created", null);
        index.insert(literal);
        assertThat(index.match("orders.created").plain()).containsExactly(literal);

        var wildcard = new Sub("orders.>", null);
        index.insert(wildcard);

        assertThat(index.match("orders.created").plain()).containsExactlyInAnyOrder(literal, wildcard);
    }

    @Test
    void dropsCachedResultsOnRemove() {
        var index = new SubjectIndex<Sub>();
        var wildcard = new Sub("orders.*", null);
        index.insert(wildcard);
        assertThat(index.match("orders.created").plain()).containsExactly(wildcard);

        index.remove(wildcard);

        assertThat(index.match("orders.created").isEmpty()).isTrue();
    }

    @Test
    void keepsTheCacheBounded() {
        var index = new SubjectIndex<Sub>();
        index.insert(new Sub(">", null));

        for (var i = 0; i < 5 * SubjectIndex.CACHE_MAX; i++) {
            index.match("subject." + i);
        }

        assertThat(index.stats().cached()).isLessThanOrEqualTo(SubjectIndex.CACHE_MAX);
    }

    @Test
    void findsTheMatchesAmongAHundredThousandSubscriptions() {
        var index = new SubjectIndex<Sub>();
        for (var i = 0; i < 100_000; i++) {
            index.insert(new Sub("tenant." + i + ".orders." + (i % 2 == 0 ? "*" : ">"), null));
        }
        index.insert(new Sub("tenant.*.orders.created", "workers"));

        var result = index.match("tenant.4242.orders.created");

        assertThat(result.plain()).extracting(Sub::subject).containsExactly("tenant.4242.orders.*");
        assertThat(result.queueGroups()).hasSize(1);
        assertThat(index.count()).isEqualTo(100_001);
    }

    @Test
    void refusesInvalidSubjects() {
        var index = new SubjectIndex<Sub>();

        assertThat(index.insert(new Sub("foo..bar", null))).isFalse();
        assertThat(index.insert(new Sub("foo.>.bar", null))).isFalse();
        assertThat(index.count()).isZero();
    }
}
