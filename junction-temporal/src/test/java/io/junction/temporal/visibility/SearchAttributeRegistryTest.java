package io.junction.temporal.visibility;

import static io.temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_BOOL;
import static io.temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_INT;
import static io.temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD;
import static io.temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST;
import static io.temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_TEXT;
import static io.temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_UNSPECIFIED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SearchAttributeRegistryTest {
    @Test
    void knowsSystemPredefinedAndDevServerAttributes() {
        var registry = SearchAttributeRegistry.withDevServerDefaults();

        assertThat(registry.type("ExecutionStatus")).contains(INDEXED_VALUE_TYPE_KEYWORD);
        assertThat(registry.type("HistorySizeBytes")).contains(INDEXED_VALUE_TYPE_INT);
        assertThat(registry.type("BuildIds")).contains(INDEXED_VALUE_TYPE_KEYWORD_LIST);
        assertThat(registry.type("TemporalSchedulePaused")).contains(INDEXED_VALUE_TYPE_BOOL);
        assertThat(registry.type("CustomStringField")).contains(INDEXED_VALUE_TYPE_TEXT);
        assertThat(registry.type("customKeywordField")).isEmpty();
        assertThat(registry.custom()).hasSize(7);
        assertThat(SearchAttributeRegistry.system()).containsKeys("WorkflowId", "RootRunId", "ExecutionDuration");
        assertThat(SearchAttributeRegistry.isSystem("BuildIds")).isFalse();
    }

    @Test
    void addsNewAttributesAndSkipsExistingOnes() {
        var registry = SearchAttributeRegistry.empty();
        registry.add(Map.of("CustomerId", INDEXED_VALUE_TYPE_KEYWORD));

        var added = registry.add(Map.of("CustomerId", INDEXED_VALUE_TYPE_INT, "Priority", INDEXED_VALUE_TYPE_INT));

        assertThat(added).containsExactly("Priority");
        assertThat(registry.custom())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("CustomerId", INDEXED_VALUE_TYPE_KEYWORD, "Priority", INDEXED_VALUE_TYPE_INT));
    }

    @Test
    void refusesReservedNamesAndUnspecifiedTypesWithoutChangingAnything() {
        var registry = SearchAttributeRegistry.empty();

        assertThatThrownBy(() -> registry.add(Map.of("WorkflowId", INDEXED_VALUE_TYPE_KEYWORD)))
                .isInstanceOf(InvalidSearchAttributeException.class)
                .hasMessage("Search attribute WorkflowId is reserved by system.");
        assertThatThrownBy(() -> registry.add(Map.of("TemporalFoo", INDEXED_VALUE_TYPE_KEYWORD)))
                .hasMessage("Search attribute TemporalFoo is reserved by system.");
        assertThatThrownBy(() -> registry.add(Map.of("Memo", INDEXED_VALUE_TYPE_KEYWORD)))
                .hasMessage("Search attribute Memo is reserved by system.");
        assertThatThrownBy(() -> registry.add(Map.of("BuildIds", INDEXED_VALUE_TYPE_KEYWORD_LIST)))
                .hasMessage("Search attribute BuildIds is reserved by system.");
        assertThatThrownBy(() -> registry.add(Map.of("Region", INDEXED_VALUE_TYPE_UNSPECIFIED)))
                .hasMessage("Unknown search attribute type: Unspecified.");
        assertThatThrownBy(() -> registry.add(Map.of())).hasMessage("SearchAttributes are not set on request.");
        assertThat(registry.custom()).isEmpty();
    }

    @Test
    void enforcesPerTypeLimits() {
        var registry = SearchAttributeRegistry.withDevServerDefaults();

        assertThatThrownBy(
                        () -> registry.add(Map.of("Notes", INDEXED_VALUE_TYPE_TEXT, "Other", INDEXED_VALUE_TYPE_TEXT)))
                .hasMessage(
                        "Unable to create search attributes: cannot have more than 3 search attribute of type Text.");
        assertThat(registry.add(Map.of("Notes", INDEXED_VALUE_TYPE_TEXT))).containsExactly("Notes");
        assertThat(registry.withLimits(Map.of()).add(Map.of("More", INDEXED_VALUE_TYPE_TEXT)))
                .containsExactly("More");
    }

    @Test
    void removesCustomAttributesOnly() {
        var registry = SearchAttributeRegistry.withDevServerDefaults();

        assertThat(registry.remove(List.of("CustomIntField", "NeverAdded"))).containsExactly("CustomIntField");
        assertThat(registry.type("CustomIntField")).isEmpty();
        assertThatThrownBy(() -> registry.remove(List.of("RunId")))
                .hasMessage("Unable to remove non-custom search attributes: RunId.");
    }

    @Test
    void restoresFromItsSnapshot() {
        var registry = SearchAttributeRegistry.empty();
        registry.add(Map.of("Region", INDEXED_VALUE_TYPE_KEYWORD));

        var restored = SearchAttributeRegistry.of(registry.custom());

        assertThat(restored.custom()).isEqualTo(registry.custom());
        assertThat(ListQuery.parse("Region = 'eu'", restored).toString()).isEqualTo("Region = 'eu'");
    }
}
