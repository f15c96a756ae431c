package io.junction.temporal.visibility;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random boolean combinations of predicates evaluate like the same combination written in Java, and survive a
 * print and parse round trip.
 */
class ListQueryPropertyTest {
    private static final SearchAttributeRegistry REGISTRY = SearchAttributeRegistry.withDevServerDefaults();

    /** A query fragment with the Java predicate it stands for; every record here has every attribute set. */
    record Filter(String text, Predicate<VisibilityRecord> test) {
        Filter and(Filter other) {
            return new Filter("(" + text + ") AND (" + other.text + ")", test.and(other.test));
        }

        Filter or(Filter other) {
            return new Filter("(" + text + ") or (" + other.text + ")", test.or(other.test));
        }

        Filter not() {
            return new Filter("NOT (" + text + ")", test.negate());
        }
    }

    @Provide
    Arbitrary<VisibilityRecord> records() {
        var ids = Arbitraries.of("a", "b", "order-1", "order-22");
        var ints = Arbitraries.longs().between(-3, 3);
        var regions = Arbitraries.of("eu", "us", "ap");
        return Combinators.combine(ids, ints, regions)
                .as((id, number, region) -> Records.running(
                        id,
                        "T",
                        Map.of("CustomIntField", number, "CustomKeywordField", region, "BuildIds", List.of(region))));
    }

    @Provide
    Arbitrary<Filter> filters() {
        return Arbitraries.lazyOf(this::leaf, this::leaf, this::leaf, () -> combined(filters()));
    }

    private Arbitrary<Filter> combined(Arbitrary<Filter> inner) {
        return Combinators.combine(inner, inner, Arbitraries.integers().between(0, 2))
                .as((left, right, kind) -> switch (kind) {
                    case 0 -> left.and(right);
                    case 1 -> left.or(right);
                    default -> left.not();
                });
    }

    private Arbitrary<Filter> leaf() {
        var number = Arbitraries.longs().between(-3, 3);
        var region = Arbitraries.of("eu", "us", "ap");
        var id = Arbitraries.of("a", "order", "order-1");
        return Arbitraries.oneOf(
                number.map(n -> new Filter("CustomIntField > " + n, r -> (Long) r.value("CustomIntField") > n)),
                number.map(n -> new Filter("CustomIntField <= " + n, r -> (Long) r.value("CustomIntField") <= n)),
                number.map(n -> new Filter(
                        "CustomIntField BETWEEN " + n + " AND " + (n + 1),
                        r -> Math.abs((Long) r.value("CustomIntField") - n - 0.5) <= 0.5)),
                region.map(g -> new Filter("CustomKeywordField = '" + g + "'", r -> r.value("CustomKeywordField")
                        .equals(g))),
                region.map(g -> new Filter("CustomKeywordField != '" + g + "'", r -> !r.value("CustomKeywordField")
                        .equals(g))),
                region.map(g -> new Filter(
                        "BuildIds IN ('" + g + "', 'zz')", r -> ((List<?>) r.value("BuildIds")).contains(g))),
                id.map(i -> new Filter("WorkflowId STARTS_WITH '" + i + "'", r -> r.workflowId()
                        .startsWith(i))),
                id.map(i -> new Filter(
                        "WorkflowId NOT IN ('" + i + "')", r -> !r.workflowId().equals(i))),
                Arbitraries.just(new Filter("CloseTime IS NULL", r -> true)));
    }

    @Property(tries = 400)
    void evaluatesLikeJava(@ForAll("filters") Filter filter, @ForAll("records") VisibilityRecord record) {
        var query = ListQuery.parse(filter.text(), REGISTRY);

        assertThat(query.matches(record))
                .as(filter.text())
                .isEqualTo(filter.test().test(record));
    }

    @Property(tries = 400)
    void printedQueriesParseBackToTheSameQuery(
            @ForAll("filters") Filter filter, @ForAll("records") VisibilityRecord record) {
        var query = ListQuery.parse(filter.text(), REGISTRY);

        var reparsed = ListQuery.parse(query.toString(), REGISTRY);

        assertThat(reparsed.toString()).isEqualTo(query.toString());
        assertThat(reparsed.matches(record)).isEqualTo(query.matches(record));
    }
}
