package io.junction.temporal.workflow;

import io.junction.temporal.persistence.SqlStore;
import io.junction.temporal.persistence.StateCodec;
import io.junction.temporal.persistence.StoreException;
import io.temporal.api.common.v1.WorkflowExecution;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runs the engine knows, and the one way to change them.
 *
 * <h2>Concurrency</h2>
 * Every change to a run happens under that run's lock through {@link #mutate}: the change is applied in memory,
 * handed to the store's journal while the lock is still held (so one run's transactions commit in order), and then
 * the caller waits for the commit without the lock, so other runs' changes join the same group commit. Only after
 * the commit do tasks reach task queues and timers get armed: nothing a worker or client sees can be lost.
 * Starting a workflow id takes that id's stripe lock first, so two starts of one id cannot both win.
 *
 * <h2>Memory</h2>
 * Running runs stay in memory with their whole history; closed runs are read back from the store on demand and a
 * few recent ones are kept.
 */
final class Runs {
    private static final Logger LOG = LoggerFactory.getLogger(Runs.class);
    private static final int CLOSED_KEPT = 2048;

    final SqlStore store;
    private final ConcurrentHashMap<ExecutionKey, Execution> running = new ConcurrentHashMap<>();
    private final Map<ExecutionKey, Execution> closed =
            java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<ExecutionKey, Execution> eldest) {
                    return size() > CLOSED_KEPT;
                }
            });
    private final ConcurrentHashMap<WorkflowKey, String> currentRuns = new ConcurrentHashMap<>();
    private final ReentrantLock[] idLocks = new ReentrantLock[256];

    Runs(SqlStore store) {
        this.store = store;
        for (var i = 0; i < idLocks.length; i++) {
            idLocks[i] = new ReentrantLock();
        }
    }

    /** Loads every run that had not closed; called once at start. */
    List<Execution> recover() {
        var recovered = new ArrayList<Execution>();
        for (var data : store.runningExecutions()) {
            var state = StateCodec.decode(data, RunState.class);
            var history = store.history(state.runId, 1, Integer.MAX_VALUE);
            var execution = new Execution(state, history);
            running.put(execution.key(), execution);
            currentRuns.put(new WorkflowKey(state.namespace, state.workflowId), state.runId);
            recovered.add(execution);
        }
        return recovered;
    }

    ReentrantLock idLock(String namespace, String workflowId) {
        var hash = (namespace.hashCode() * 31 + workflowId.hashCode()) & 0x7fffffff;
        return idLocks[hash % idLocks.length];
    }

    /** The run a request names: the given run id, or the workflow id's current run when it is empty. */
    ExecutionKey resolve(String namespace, WorkflowExecution execution) {
        if (execution.getWorkflowId().isEmpty()) {
            throw EngineException.invalidArgument("WorkflowId is not set on request.");
        }
        if (!execution.getRunId().isEmpty()) {
            return new ExecutionKey(namespace, execution.getWorkflowId(), execution.getRunId());
        }
        var runId = currentRunId(namespace, execution.getWorkflowId());
        if (runId == null) {
            throw notFound(execution.getWorkflowId(), "");
        }
        return new ExecutionKey(namespace, execution.getWorkflowId(), runId);
    }

    String currentRunId(String namespace, String workflowId) {
        var key = new WorkflowKey(namespace, workflowId);
        var runId = currentRuns.get(key);
        if (runId != null) {
            return runId;
        }
        return store.currentRun(namespace, workflowId).orElse(null);
    }

    void setCurrent(String namespace, String workflowId, String runId) {
        currentRuns.put(new WorkflowKey(namespace, workflowId), runId);
    }

    void forget(ExecutionKey key) {
        running.remove(key);
        closed.remove(key);
        currentRuns.remove(new WorkflowKey(key.namespace(), key.workflowId()), key.runId());
    }

    /** The run, from memory or the store; NOT_FOUND when there is none. */
    Execution get(ExecutionKey key) {
        var execution = running.get(key);
        if (execution != null) {
            return execution;
        }
        execution = closed.get(key);
        if (execution != null) {
            return execution;
        }
        return load(key);
    }

    private synchronized Execution load(ExecutionKey key) {
        var cached = running.get(key);
        if (cached == null) {
            cached = closed.get(key);
        }
        if (cached != null) {
            return cached;
        }
        var data = store.execution(key.namespace(), key.workflowId(), key.runId());
        if (data.isEmpty()) {
            throw notFound(key.workflowId(), key.runId());
        }
        var state = StateCodec.decode(data.get(), RunState.class);
        var execution = new Execution(state, store.history(key.runId(), 1, Integer.MAX_VALUE));
        if (state.isRunning()) {
            running.put(key, execution);
        } else {
            closed.put(key, execution);
        }
        return execution;
    }

    /**
     * Like {@link #mutate}, for deadlines: does nothing when the run is no longer running, without reading a closed
     * run back from the store.
     */
    <T> T mutateRunning(ExecutionKey key, BiFunction<Execution, Change, T> change) {
        if (!running.containsKey(key)) {
            return null;
        }
        return mutate(key, change);
    }

    /** Makes a run created by a change known, before that change commits; its lock must be held. */
    void register(Execution execution) {
        running.put(execution.key(), execution);
    }

    /**
     * Applies {@code change} to the run under its lock, commits, then runs the change's follow-ups. Returns what
     * {@code change} returned. A failed commit throws UNAVAILABLE and drops the run from memory, so the next
     * request reads the last committed state back.
     */
    <T> T mutate(ExecutionKey key, BiFunction<Execution, Change, T> change) {
        var execution = get(key);
        var pending = new Change();
        T result;
        java.util.concurrent.CompletableFuture<Void> commit;
        execution.lock.lock();
        try {
            if (execution.stale) {
                throw EngineException.unavailable("workflow state is being reloaded, retry");
            }
            pending.touch(execution);
            result = change.apply(execution, pending);
            if (pending.isUnchanged()) {
                return result;
            }
            commit = store.commit(pending.rows());
            afterLocking(pending);
        } finally {
            pending.releaseLocks();
            execution.lock.unlock();
        }
        finish(pending, commit);
        return result;
    }

    /** Commits a change whose runs' locks the caller holds, then runs its follow-ups after releasing them. */
    java.util.concurrent.CompletableFuture<Void> submit(Change change) {
        try {
            var commit = store.commit(change.rows());
            afterLocking(change);
            return commit;
        } finally {
            change.releaseLocks();
        }
    }

    private void afterLocking(Change change) {
        for (var execution : change.executions()) {
            if (!execution.state.isRunning() && running.remove(execution.key()) != null) {
                closed.put(execution.key(), execution);
            }
        }
    }

    void finish(Change change, java.util.concurrent.CompletableFuture<Void> commit) {
        try {
            commit.join();
        } catch (CompletionException | StoreException e) {
            for (var execution : change.executions()) {
                execution.stale = true;
                execution.queries.clear();
                forget(execution.key());
            }
            LOG.warn(
                    "workflow change not committed; runs will be reloaded from the store runs={}",
                    change.executions().size());
            throw EngineException.unavailable("workflow store commit failed; retry the request");
        }
        for (var execution : change.executions()) {
            execution.lock.lock();
            try {
                execution.notifyChanged();
            } finally {
                execution.lock.unlock();
            }
        }
        for (var action : change.afterCommit) {
            action.run();
        }
    }

    static EngineException notFound(String workflowId, String runId) {
        return EngineException.notFound(
                "workflow execution not found for workflow ID \"" + workflowId + "\" and run ID \"" + runId + "\"");
    }

    private record WorkflowKey(String namespace, String workflowId) {}
}
