package io.junction.temporal.workflow;

import io.junction.temporal.persistence.StateCodec;
import io.junction.temporal.persistence.StoreWrite;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What one operation changed, committed as one transaction: the runs it touched (their new events, state and
 * visibility), other row writes, and what to do once the commit is durable (dispatch tasks, arm timers, reach
 * other runs). Nothing leaves the process before the commit.
 */
final class Change {
    private final Set<Execution> executions = new LinkedHashSet<>();
    private final List<StoreWrite> writes = new ArrayList<>();
    final List<Runnable> afterCommit = new ArrayList<>();
    final List<Execution> heldLocks = new ArrayList<>();
    private boolean unchanged;

    Change touch(Execution execution) {
        executions.add(execution);
        return this;
    }

    /** Touches a run this change created, locking it until the change is handed to the store. */
    void touchNew(Execution execution) {
        execution.lock.lock();
        heldLocks.add(execution);
        executions.add(execution);
    }

    void releaseLocks() {
        heldLocks.forEach(e -> e.lock.unlock());
        heldLocks.clear();
    }

    /** Declares that the operation changed nothing (a stale timer, say), so there is nothing to commit. */
    void unchanged() {
        unchanged = true;
    }

    boolean isUnchanged() {
        return unchanged && writes.isEmpty() && afterCommit.isEmpty() && heldLocks.isEmpty();
    }

    void write(StoreWrite write) {
        writes.add(write);
    }

    void then(Runnable action) {
        afterCommit.add(action);
    }

    Set<Execution> executions() {
        return executions;
    }

    /** The rows to commit. Call with the locks of the touched runs held. */
    List<StoreWrite> rows() {
        var rows = new ArrayList<StoreWrite>();
        for (var execution : executions) {
            var state = execution.state;
            var events = execution.takeNewEvents();
            if (!events.isEmpty()) {
                rows.add(new StoreWrite.AppendHistory(state.runId, events));
            }
            state.stateTransitions++;
            rows.add(new StoreWrite.PutExecution(
                    state.namespace, state.workflowId, state.runId, state.isRunning(), StateCodec.encode(state)));
            if (execution.visibilityChanged) {
                execution.visibilityChanged = false;
                rows.add(Visibility.row(execution));
            }
        }
        rows.addAll(writes);
        return rows;
    }
}
