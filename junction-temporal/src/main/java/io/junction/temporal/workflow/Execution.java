package io.junction.temporal.workflow;

import com.google.protobuf.util.Timestamps;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.history.v1.HistoryEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One workflow run in memory: its {@link RunState}, its history, and the lock every change to it holds.
 *
 * <p>Events appended during a change collect in {@link #takeNewEvents()} until the change is committed. While a
 * workflow task is started, events from outside the workflow (signals, activity results, fired timers) are
 * buffered instead and appended when the task completes, as Temporal does, so the worker never misses them.
 * Queries that arrive while a workflow task is in flight wait in {@link #queries} for a task to carry them.
 */
final class Execution {
    final ReentrantLock lock = new ReentrantLock();
    final RunState state;
    final List<HistoryEvent> history;
    private final List<HistoryEvent> newEvents = new ArrayList<>();
    private final List<CompletableFuture<Void>> historyWaiters = new ArrayList<>();
    final QueryBuffer queries = new QueryBuffer();
    boolean visibilityChanged;
    boolean stale;

    Execution(RunState state, List<HistoryEvent> history) {
        this.state = state;
        this.history = new ArrayList<>(history);
    }

    ExecutionKey key() {
        return new ExecutionKey(state.namespace, state.workflowId, state.runId);
    }

    WorkflowExecution execution() {
        return WorkflowExecution.newBuilder()
                .setWorkflowId(state.workflowId)
                .setRunId(state.runId)
                .build();
    }

    /** Appends an event to history now, giving it the next event id. */
    HistoryEvent append(HistoryEvent.Builder event) {
        var now = System.currentTimeMillis();
        var id = state.nextEventId++;
        if (!event.hasEventTime()) {
            event.setEventTime(Timestamps.fromMillis(now));
        }
        var built = event.setEventId(id).setTaskId(id).build();
        history.add(built);
        newEvents.add(built);
        state.historySizeBytes += built.getSerializedSize();
        return built;
    }

    /**
     * Adds an event that comes from outside the workflow: appended at once, or buffered while a workflow task is
     * started. Returns true when it was appended.
     */
    boolean appendOrBuffer(HistoryEvent.Builder event) {
        var task = state.workflowTask;
        if (task != null && task.isStarted()) {
            if (!event.hasEventTime()) {
                event.setEventTime(Timestamps.fromMillis(System.currentTimeMillis()));
            }
            state.buffered.add(event.build());
            return false;
        }
        append(event);
        return true;
    }

    /**
     * Appends the buffered events, in arrival order. A buffered close event of an activity or child whose started
     * event was buffered too learns that event's id here, as Temporal wires buffered event ids.
     */
    void flushBuffered() {
        var buffered = new ArrayList<>(state.buffered);
        state.buffered.clear();
        var startedIds = new java.util.HashMap<Long, Long>();
        for (var event : buffered) {
            var appended = append(BufferedEvents.wire(event.toBuilder(), startedIds));
            BufferedEvents.remember(appended, startedIds, state);
        }
    }

    List<HistoryEvent> takeNewEvents() {
        var events = List.copyOf(newEvents);
        newEvents.clear();
        return events;
    }

    /** A future completed at the next commit of this run; history long polls wait on it. */
    CompletableFuture<Void> nextChange() {
        var waiter = new CompletableFuture<Void>();
        historyWaiters.add(waiter);
        return waiter;
    }

    /**
     * Called at each commit of this run, with its lock held: wakes history long polls, and sends buffered queries
     * on as query tasks once no workflow task is left to carry them.
     */
    void notifyChanged() {
        var waiters = List.copyOf(historyWaiters);
        historyWaiters.clear();
        waiters.forEach(w -> w.complete(null));
        if (state.workflowTask == null || !state.isRunning()) {
            queries.unblockAll();
        }
    }
}
