package io.junction.temporal.visibility;

import static io.temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_BOOL;
import static io.temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DATETIME;
import static io.temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE;
import static io.temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_INT;
import static io.temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD;
import static io.temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST;
import static io.temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_TEXT;

import io.temporal.api.enums.v1.IndexedValueType;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The search attributes Temporal defines itself, as listed in its {@code searchattribute/sadefs} package.
 *
 * <p>System attributes are columns of the visibility record and cannot be set by users. Predefined attributes travel
 * in the record's search attribute map like custom ones; only some of them may be set by users.
 */
final class SearchAttributeNames {
    static final String WORKFLOW_ID = "WorkflowId";
    static final String RUN_ID = "RunId";
    static final String WORKFLOW_TYPE = "WorkflowType";
    static final String START_TIME = "StartTime";
    static final String EXECUTION_TIME = "ExecutionTime";
    static final String CLOSE_TIME = "CloseTime";
    static final String EXECUTION_STATUS = "ExecutionStatus";
    static final String TASK_QUEUE = "TaskQueue";
    static final String HISTORY_LENGTH = "HistoryLength";
    static final String EXECUTION_DURATION = "ExecutionDuration";
    static final String STATE_TRANSITION_COUNT = "StateTransitionCount";
    static final String HISTORY_SIZE_BYTES = "HistorySizeBytes";
    static final String PARENT_WORKFLOW_ID = "ParentWorkflowId";
    static final String PARENT_RUN_ID = "ParentRunId";
    static final String ROOT_WORKFLOW_ID = "RootWorkflowId";
    static final String ROOT_RUN_ID = "RootRunId";
    static final String NAMESPACE_DIVISION = "TemporalNamespaceDivision";
    static final String SCHEDULE_ID = "ScheduleId";
    static final String RESERVED_PREFIX = "Temporal";

    static final Map<String, IndexedValueType> SYSTEM = Map.ofEntries(
            Map.entry(WORKFLOW_ID, INDEXED_VALUE_TYPE_KEYWORD),
            Map.entry(RUN_ID, INDEXED_VALUE_TYPE_KEYWORD),
            Map.entry(WORKFLOW_TYPE, INDEXED_VALUE_TYPE_KEYWORD),
            Map.entry(START_TIME, INDEXED_VALUE_TYPE_DATETIME),
            Map.entry(EXECUTION_TIME, INDEXED_VALUE_TYPE_DATETIME),
            Map.entry(CLOSE_TIME, INDEXED_VALUE_TYPE_DATETIME),
            Map.entry(EXECUTION_STATUS, INDEXED_VALUE_TYPE_KEYWORD),
            Map.entry(TASK_QUEUE, INDEXED_VALUE_TYPE_KEYWORD),
            Map.entry(HISTORY_LENGTH, INDEXED_VALUE_TYPE_INT),
            Map.entry(EXECUTION_DURATION, INDEXED_VALUE_TYPE_INT),
            Map.entry(STATE_TRANSITION_COUNT, INDEXED_VALUE_TYPE_INT),
            Map.entry(HISTORY_SIZE_BYTES, INDEXED_VALUE_TYPE_INT),
            Map.entry(PARENT_WORKFLOW_ID, INDEXED_VALUE_TYPE_KEYWORD),
            Map.entry(PARENT_RUN_ID, INDEXED_VALUE_TYPE_KEYWORD),
            Map.entry(ROOT_WORKFLOW_ID, INDEXED_VALUE_TYPE_KEYWORD),
            Map.entry(ROOT_RUN_ID, INDEXED_VALUE_TYPE_KEYWORD));

    /** Predefined attributes a user may set in SearchAttributes; Temporal keeps them for backwards compatibility. */
    static final Map<String, IndexedValueType> PREDEFINED_USER_SETTABLE = Map.ofEntries(
            Map.entry("TemporalChangeVersion", INDEXED_VALUE_TYPE_KEYWORD_LIST),
            Map.entry("BinaryChecksums", INDEXED_VALUE_TYPE_KEYWORD_LIST),
            Map.entry("BuildIds", INDEXED_VALUE_TYPE_KEYWORD_LIST),
            Map.entry("BatcherNamespace", INDEXED_VALUE_TYPE_KEYWORD),
            Map.entry("BatcherUser", INDEXED_VALUE_TYPE_KEYWORD),
            Map.entry("TemporalScheduledStartTime", INDEXED_VALUE_TYPE_DATETIME),
            Map.entry("TemporalScheduledById", INDEXED_VALUE_TYPE_KEYWORD),
            Map.entry("TemporalSchedulePaused", INDEXED_VALUE_TYPE_BOOL),
            Map.entry(NAMESPACE_DIVISION, INDEXED_VALUE_TYPE_KEYWORD),
            Map.entry("TemporalPauseInfo", INDEXED_VALUE_TYPE_KEYWORD_LIST),
            Map.entry("TemporalReportedProblems", INDEXED_VALUE_TYPE_KEYWORD_LIST));

    static final Map<String, IndexedValueType> PREDEFINED = predefined();

    /** Field names of the visibility store that are neither system nor predefined attributes. */
    static final Set<String> RESERVED = Set.of("NamespaceId", "MemoEncoding", "Memo", "VisibilityTaskKey");

    /**
     * The custom attributes Temporal's docker auto-setup creates in the {@code default} namespace, which samples and
     * SDK test suites assume exist.
     */
    static final Map<String, IndexedValueType> DEV_SERVER_CUSTOM = Map.of(
            "CustomKeywordField", INDEXED_VALUE_TYPE_KEYWORD,
            "CustomStringField", INDEXED_VALUE_TYPE_TEXT,
            "CustomTextField", INDEXED_VALUE_TYPE_TEXT,
            "CustomIntField", INDEXED_VALUE_TYPE_INT,
            "CustomDatetimeField", INDEXED_VALUE_TYPE_DATETIME,
            "CustomDoubleField", INDEXED_VALUE_TYPE_DOUBLE,
            "CustomBoolField", INDEXED_VALUE_TYPE_BOOL);

    private SearchAttributeNames() {}

    static boolean isReserved(String name) {
        return SYSTEM.containsKey(name)
                || PREDEFINED.containsKey(name)
                || RESERVED.contains(name)
                || name.startsWith(RESERVED_PREFIX);
    }

    private static Map<String, IndexedValueType> predefined() {
        var all = new HashMap<>(PREDEFINED_USER_SETTABLE);
        all.put("TemporalWorkerDeploymentVersion", INDEXED_VALUE_TYPE_KEYWORD);
        all.put("TemporalWorkflowVersioningBehavior", INDEXED_VALUE_TYPE_KEYWORD);
        all.put("TemporalWorkerDeployment", INDEXED_VALUE_TYPE_KEYWORD);
        all.put("TemporalUsedWorkerDeploymentVersions", INDEXED_VALUE_TYPE_KEYWORD_LIST);
        all.put("TemporalExternalPayloadCount", INDEXED_VALUE_TYPE_INT);
        all.put("TemporalExternalPayloadSizeBytes", INDEXED_VALUE_TYPE_INT);
        return Map.copyOf(all);
    }
}
