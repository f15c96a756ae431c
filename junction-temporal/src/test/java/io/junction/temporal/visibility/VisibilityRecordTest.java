package io.junction.temporal.visibility;

import static io.temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Memo;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VisibilityRecordTest {
    private static final SearchAttributeRegistry REGISTRY = SearchAttributeRegistry.withDevServerDefaults();

    @Test
    void leavesCloseFieldsUnsetWhileRunning() {
        var record = Records.running("order-1", "OrderWorkflow", Map.of("CustomIntField", 5L));

        var info = record.toWorkflowExecutionInfo(REGISTRY);

        assertThat(info.getExecution().getWorkflowId()).isEqualTo("order-1");
        assertThat(info.getExecution().getRunId()).isEqualTo("run-order-1");
        assertThat(info.getType().getName()).isEqualTo("OrderWorkflow");
        assertThat(info.getStatus()).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
        assertThat(info.getTaskQueue()).isEqualTo("orders");
        assertThat(info.getStartTime().getSeconds()).isEqualTo(Records.START.getEpochSecond());
        assertThat(info.getExecutionTime()).isEqualTo(info.getStartTime());
        assertThat(info.hasCloseTime()).isFalse();
        assertThat(info.hasExecutionDuration()).isFalse();
        assertThat(info.getHistoryLength()).isZero();
        assertThat(info.hasParentExecution()).isFalse();
        assertThat(info.getRootExecution().getWorkflowId()).isEqualTo("order-1");
        assertThat(info.getSearchAttributes()
                        .getIndexedFieldsOrThrow("CustomIntField")
                        .getData()
                        .toStringUtf8())
                .isEqualTo("5");
    }

    @Test
    void setsCloseFieldsOnceClosed() {
        var memo = Memo.newBuilder()
                .putFields(
                        "note",
                        Payload.newBuilder()
                                .setData(ByteString.copyFromUtf8("\"hi\""))
                                .build())
                .build();
        var record = new VisibilityRecord(
                "default",
                "child",
                "run-2",
                "ChildWorkflow",
                "q",
                WORKFLOW_EXECUTION_STATUS_COMPLETED,
                Records.START,
                Records.START.plusSeconds(5),
                Records.START.plusSeconds(65),
                11,
                900,
                6,
                "parent",
                "run-1",
                "root",
                "run-0",
                memo,
                null);

        var info = record.toWorkflowExecutionInfo(REGISTRY);

        assertThat(info.getCloseTime().getSeconds()).isEqualTo(Records.START.getEpochSecond() + 65);
        assertThat(info.getExecutionDuration().getSeconds()).isEqualTo(60);
        assertThat(info.getHistoryLength()).isEqualTo(11);
        assertThat(info.getHistorySizeBytes()).isEqualTo(900);
        assertThat(info.getStateTransitionCount()).isEqualTo(6);
        assertThat(info.getParentExecution().getWorkflowId()).isEqualTo("parent");
        assertThat(info.getRootExecution().getRunId()).isEqualTo("run-0");
        assertThat(info.getMemo()).isEqualTo(memo);
        assertThat(record.executionDuration()).isEqualTo(Duration.ofSeconds(60));
        assertThat(record.value("ExecutionDuration")).isEqualTo(60_000_000_000L);
        assertThat(record.value("ExecutionStatus")).isEqualTo("Completed");
        assertThat(record.value("CloseTime")).isEqualTo(Records.START.plusSeconds(65));
        assertThat(record.value("ParentRunId")).isEqualTo("run-1");
    }

    @Test
    void readsCustomAttributesByNameAndDropsNulls() {
        var attributes = new HashMap<String, Object>();
        attributes.put("CustomKeywordField", "a");
        attributes.put("CustomIntField", null);

        var record = Records.running("w", "T", attributes);

        assertThat(record.searchAttributes()).containsOnlyKeys("CustomKeywordField");
        assertThat(record.value("CustomKeywordField")).isEqualTo("a");
        assertThat(record.value("CustomIntField")).isNull();
        assertThat(record.value("CloseTime")).isNull();
        assertThat(record.value("StartTime")).isEqualTo(Records.START);
        assertThat(record.value("HistoryLength")).isEqualTo(12L);
        assertThat(record.isClosed()).isFalse();
    }

    @Test
    void clampsANegativeExecutionDurationToZero() {
        var record = Records.record(
                "w", "T", WORKFLOW_EXECUTION_STATUS_COMPLETED, Records.START, Records.START.minusSeconds(1), Map.of());

        assertThat(record.executionDuration()).isEqualTo(Duration.ZERO);
        assertThat(record.value("CloseTime")).isEqualTo(Instant.parse("2024-05-01T09:59:59Z"));
    }
}
