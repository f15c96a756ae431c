package io.junction.temporal.visibility;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import java.util.Locale;
import java.util.Optional;

/**
 * The short names Temporal uses on the wire and in messages for its enums: {@code KeywordList} for
 * {@code INDEXED_VALUE_TYPE_KEYWORD_LIST}, {@code ContinuedAsNew} for
 * {@code WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW}.
 */
final class TemporalNames {
    private static final String TYPE_PREFIX = "INDEXED_VALUE_TYPE_";
    private static final String STATUS_PREFIX = "WORKFLOW_EXECUTION_STATUS_";

    private TemporalNames() {}

    static String typeName(IndexedValueType type) {
        return shortName(type.name(), TYPE_PREFIX);
    }

    /** Accepts the short name ({@code Keyword}) and the full proto name, case-sensitively, as Temporal does. */
    static Optional<IndexedValueType> parseType(String name) {
        for (var type : IndexedValueType.values()) {
            if (type != IndexedValueType.UNRECOGNIZED
                    && (type.name().equals(name) || typeName(type).equals(name))) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    static String statusName(WorkflowExecutionStatus status) {
        return shortName(status.name(), STATUS_PREFIX);
    }

    static Optional<WorkflowExecutionStatus> parseStatus(String name) {
        for (var status : WorkflowExecutionStatus.values()) {
            if (status != WorkflowExecutionStatus.UNRECOGNIZED
                    && (status.name().equals(name) || statusName(status).equals(name))) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }

    static Optional<WorkflowExecutionStatus> parseStatus(int number) {
        var status = WorkflowExecutionStatus.forNumber(number);
        return Optional.ofNullable(status);
    }

    private static String shortName(String protoName, String prefix) {
        if (!protoName.startsWith(prefix)) {
            return protoName;
        }
        var name = new StringBuilder();
        for (var word : protoName.substring(prefix.length()).split("_")) {
            name.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
        }
        return name.toString();
    }
}
