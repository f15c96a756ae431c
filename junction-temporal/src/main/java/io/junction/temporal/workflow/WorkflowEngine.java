package io.junction.temporal.workflow;

import io.junction.temporal.namespace.Namespaces;
import io.junction.temporal.persistence.SqlStore;
import io.junction.temporal.persistence.StoreWrite;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryResponse;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryReverseRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryReverseResponse;
import io.temporal.api.workflowservice.v1.PollActivityTaskQueueRequest;
import io.temporal.api.workflowservice.v1.PollActivityTaskQueueResponse;
import io.temporal.api.workflowservice.v1.PollWorkflowTaskQueueRequest;
import io.temporal.api.workflowservice.v1.PollWorkflowTaskQueueResponse;
import io.temporal.api.workflowservice.v1.QueryWorkflowRequest;
import io.temporal.api.workflowservice.v1.QueryWorkflowResponse;
import io.temporal.api.workflowservice.v1.RespondQueryTaskCompletedRequest;
import io.temporal.api.workflowservice.v1.RespondWorkflowTaskCompletedRequest;
import io.temporal.api.workflowservice.v1.RespondWorkflowTaskCompletedResponse;
import io.temporal.api.workflowservice.v1.RespondWorkflowTaskFailedRequest;
import io.temporal.api.workflowservice.v1.SignalWithStartWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.StartWorkflowExecutionRequest;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Temporal's workflow engine: runs, their workflow and activity tasks, timers, and the work between runs.
 *
 * <h2>Design</h2>
 * Each run is an {@link Execution} whose state changes only under its lock, in a {@link Change} that commits as
 * one transaction through the store's group-committing journal before anyone sees its effects (see {@link Runs}).
 * Task queues hold references to pending tasks; a poll takes one and checks it against the run's current state,
 * so stale references (a task already done, a cancelled activity) are simply skipped.
 *
 * <h2>Recovery</h2>
 * At start every running run is loaded with its history; what a worker had started is pending again and is
 * dispatched anew, timers and timeouts are armed again (those due fire at once), and interrupted work between
 * runs is repeated, safely, because each step is idempotent.
 *
 * <h2>Threads</h2>
 * RPCs run on virtual threads and may block: polls wait in their task queue, commits wait for the journal. A single
 * timer thread hands due callbacks to virtual threads.
 */
public final class WorkflowEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WorkflowEngine.class);
    private static final long LONG_POLL_MILLIS = 60_000;

    private final Core core;
    private final Starts starts;
    private final Histories histories;
    private final Visibilities visibilities;
    private final Interactions interactions;

    public WorkflowEngine(SqlStore store, Namespaces namespaces) {
        core = new Core(new Runs(store), new Timers(), namespaces);
        starts = new Starts(core);
        var children = new Children(core, starts);
        core.workflowTasks = new WorkflowTasks(core);
        core.activities = new Activities(core);
        core.commands = new Commands(core);
        core.lifecycle = new Lifecycle(core, starts, children);
        core.queries = new Queries(core);
        histories = new Histories(core);
        visibilities = new Visibilities(core);
        interactions = new Interactions(core);
    }

    /** Loads the runs that had not closed and resumes them; call once before serving. */
    public void recover() {
        var recovered = core.runs.recover();
        for (var execution : recovered) {
            var task = execution.state.workflowTask;
            if (task != null) {
                task.startedEventId = 0;
                task.startedTime = 0;
            }
            execution.state.stickyQueue = null;
            if (!execution.state.buffered.isEmpty()) {
                core.runs.mutate(execution.key(), (e, change) -> {
                    e.flushBuffered();
                    core.workflowTasks.scheduleIfNone(e, change);
                    return null;
                });
            }
            execution.lock.lock();
            try {
                core.workflowTasks.recover(execution);
                core.activities.recover(execution);
                core.lifecycle.recover(execution);
            } finally {
                execution.lock.unlock();
            }
        }
        core.timers.at(System.currentTimeMillis() + 60_000, this::sweepRetentionPeriodically);
        LOG.info("workflow engine recovered runs={}", recovered.size());
    }

    /** The workflow database's engine, as GetClusterInfo reports it. */
    public String storeName() {
        return core.runs.store.isSqlite() ? "sqlite" : "postgresql";
    }

    public Namespaces namespaces() {
        return core.namespaces;
    }

    /** Signals, cancellation, termination and activity results: what reaches a run from outside. */
    public Interactions interactions() {
        return interactions;
    }

    public Visibilities visibility() {
        return visibilities;
    }

    public GetWorkflowExecutionHistoryResponse history(GetWorkflowExecutionHistoryRequest request, long waitMillis) {
        core.namespaces.check(request.getNamespace());
        return histories.history(request, waitMillis);
    }

    public GetWorkflowExecutionHistoryReverseResponse historyReverse(
            GetWorkflowExecutionHistoryReverseRequest request) {
        core.namespaces.check(request.getNamespace());
        return histories.reverse(request);
    }

    public DescribeWorkflowExecutionResponse describe(DescribeWorkflowExecutionRequest request) {
        core.namespaces.check(request.getNamespace());
        return histories.describe(request);
    }

    public QueryWorkflowResponse query(QueryWorkflowRequest request, long timeoutMillis) {
        core.namespaces.check(request.getNamespace());
        return core.queries.query(request, timeoutMillis);
    }

    /**
     * Queries so far: how many wait now on a run's workflow task, how many workers answered on workflow tasks, and
     * how many went as query tasks.
     */
    public record QueryCounts(long buffered, long answeredOnWorkflowTasks, long queryTasks) {}

    /** A snapshot of the query counters, for monitoring and tests. */
    public QueryCounts queryCounts() {
        return core.queries.counts();
    }

    public void respondQueryTaskCompleted(RespondQueryTaskCompletedRequest request) {
        core.queries.complete(request);
    }

    public RespondWorkflowTaskCompletedResponse respondWorkflowTaskCompleted(
            RespondWorkflowTaskCompletedRequest request) {
        return core.workflowTasks.complete(request);
    }

    /** Sends the run's next workflow tasks to its normal task queue again (ResetStickyTaskQueue). */
    public void resetStickyTaskQueue(String namespace, io.temporal.api.common.v1.WorkflowExecution execution) {
        core.namespaces.check(namespace);
        core.workflowTasks.resetSticky(core.runs.resolve(namespace, execution));
    }

    public void respondWorkflowTaskFailed(RespondWorkflowTaskFailedRequest request) {
        core.workflowTasks.fail(request);
    }

    /** The run a start request created or found, and whether it created it. */
    public record StartResult(String runId, boolean started) {}

    public StartResult start(StartWorkflowExecutionRequest request) {
        core.namespaces.check(request.getNamespace());
        var started = starts.start(request, null, Starts.RunSetup.NONE);
        return new StartResult(started.runId(), started.created());
    }

    /** Signals the running run of the workflow id, or starts one with the signal as its first event. */
    public String signalWithStart(SignalWithStartWorkflowExecutionRequest request) {
        core.namespaces.check(request.getNamespace());
        if (request.getSignalName().isEmpty()) {
            throw EngineException.invalidArgument("SignalName is not set on request.");
        }
        var idLock = core.runs.idLock(request.getNamespace(), request.getWorkflowId());
        idLock.lock();
        try {
            var current = core.runs.currentRunId(request.getNamespace(), request.getWorkflowId());
            if (current != null) {
                var key = new ExecutionKey(request.getNamespace(), request.getWorkflowId(), current);
                if (core.runs.get(key).state.isRunning()) {
                    core.lifecycle.signal(
                            key,
                            request.getSignalName(),
                            request.getSignalInput(),
                            request.getIdentity(),
                            request.getHeader(),
                            request.getRequestId(),
                            null);
                    return current;
                }
            }
        } finally {
            idLock.unlock();
        }
        var start = StartWorkflowExecutionRequest.newBuilder()
                .setNamespace(request.getNamespace())
                .setWorkflowId(request.getWorkflowId())
                .setWorkflowType(request.getWorkflowType())
                .setTaskQueue(request.getTaskQueue())
                .setInput(request.getInput())
                .setWorkflowExecutionTimeout(request.getWorkflowExecutionTimeout())
                .setWorkflowRunTimeout(request.getWorkflowRunTimeout())
                .setWorkflowTaskTimeout(request.getWorkflowTaskTimeout())
                .setIdentity(request.getIdentity())
                .setRequestId(request.getRequestId())
                .setWorkflowIdReusePolicy(request.getWorkflowIdReusePolicy())
                .setCronSchedule(request.getCronSchedule())
                .setMemo(request.getMemo())
                .setSearchAttributes(request.getSearchAttributes())
                .setHeader(request.getHeader())
                .setWorkflowStartDelay(request.getWorkflowStartDelay());
        if (request.hasRetryPolicy()) {
            start.setRetryPolicy(request.getRetryPolicy());
        }
        var started = starts.start(
                start.build(),
                null,
                (execution, change) -> core.lifecycle.signal(
                        execution,
                        change,
                        request.getSignalName(),
                        request.getSignalInput(),
                        request.getIdentity(),
                        request.getHeader(),
                        "",
                        null));
        return started.runId();
    }

    /** Waits for a workflow task on the poll's task queue; an empty response after the long poll. */
    public PollWorkflowTaskQueueResponse pollWorkflowTask(
            PollWorkflowTaskQueueRequest request, long timeoutMillis, CompletableFuture<Void> cancel)
            throws InterruptedException {
        core.namespaces.check(request.getNamespace());
        var name = request.getTaskQueue().getName();
        if (name.isEmpty()) {
            throw EngineException.invalidArgument("TaskQueue is not set on request.");
        }
        var queue = core.workflowQueue(request.getNamespace(), name);
        var deadline = System.currentTimeMillis() + Math.min(LONG_POLL_MILLIS, timeoutMillis);
        while (true) {
            var remaining = deadline - System.currentTimeMillis();
            var task = remaining > 0 ? queue.poll(remaining, cancel) : null;
            if (task == null) {
                return PollWorkflowTaskQueueResponse.getDefaultInstance();
            }
            var response =
                    switch (task) {
                        case Core.Dispatch.WorkflowTask t ->
                            core.workflowTasks.start(
                                    t,
                                    request.getIdentity(),
                                    java.util.UUID.randomUUID().toString());
                        case Core.Dispatch.QueryTask q -> core.queries.start(q);
                        case Core.Dispatch.ActivityTask a -> null;
                    };
            if (response != null) {
                return response;
            }
        }
    }

    /** Waits for an activity task on the poll's task queue; an empty response after the long poll. */
    public PollActivityTaskQueueResponse pollActivityTask(
            PollActivityTaskQueueRequest request, long timeoutMillis, CompletableFuture<Void> cancel)
            throws InterruptedException {
        core.namespaces.check(request.getNamespace());
        var name = request.getTaskQueue().getName();
        if (name.isEmpty()) {
            throw EngineException.invalidArgument("TaskQueue is not set on request.");
        }
        var queue = core.activityQueue(request.getNamespace(), name);
        var deadline = System.currentTimeMillis() + Math.min(LONG_POLL_MILLIS, timeoutMillis);
        while (true) {
            var remaining = deadline - System.currentTimeMillis();
            var task = remaining > 0 ? queue.poll(remaining, cancel) : null;
            if (task == null) {
                return PollActivityTaskQueueResponse.getDefaultInstance();
            }
            if (task instanceof Core.Dispatch.ActivityTask activity) {
                var response = core.activities.start(
                        activity,
                        request.getIdentity(),
                        java.util.UUID.randomUUID().toString());
                if (response != null) {
                    return response;
                }
            }
        }
    }

    /** Deletes closed runs older than their namespace's retention; the engine also does it every minute. */
    public void sweepRetention() {
        try {
            for (var namespace : core.namespaces.list()) {
                var name = namespace.getNamespaceInfo().getName();
                var before = System.currentTimeMillis()
                        - core.namespaces.retention(name).toMillis();
                for (var run : core.runs.store.closedBefore(name, before)) {
                    var key = new ExecutionKey(name, run[0], run[1]);
                    core.runs
                            .store
                            .commit(List.of(new StoreWrite.DeleteExecution(name, run[0], run[1])))
                            .join();
                    core.runs.forget(key);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("retention sweep failed", e);
        }
    }

    private void sweepRetentionPeriodically() {
        sweepRetention();
        core.timers.at(System.currentTimeMillis() + 60_000, this::sweepRetentionPeriodically);
    }

    @Override
    public void close() {
        core.timers.close();
    }
}
