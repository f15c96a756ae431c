package io.junction.temporal.persistence;

import io.temporal.api.history.v1.HistoryEvent;
import java.util.List;

/** One row change of a transaction. The journal applies a batch of them atomically, in order. */
public sealed interface StoreWrite {
    /** Creates or replaces a namespace; {@code data} is its serialized description. */
    record PutNamespace(String name, byte[] data) implements StoreWrite {}

    /** Creates or replaces the mutable state of one run. */
    record PutExecution(String namespace, String workflowId, String runId, boolean running, byte[] state)
            implements StoreWrite {}

    /** Points a workflow id at its current run. */
    record PutCurrentRun(String namespace, String workflowId, String runId) implements StoreWrite {}

    /** Appends history events, which carry their own consecutive event ids. */
    record AppendHistory(String runId, List<HistoryEvent> events) implements StoreWrite {}

    /** Creates or replaces the visibility row of one run; {@code info} is a serialized WorkflowExecutionInfo. */
    record PutVisibility(
            String namespace,
            String runId,
            String workflowId,
            String workflowType,
            int status,
            long startTime,
            long closeTime,
            byte[] info)
            implements StoreWrite {}

    /** Removes a closed run, its history and its visibility row, as retention asks. */
    record DeleteExecution(String namespace, String workflowId, String runId) implements StoreWrite {}
}
