package io.junction.temporal.workflow;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.workflowservice.v1.RequestCancelWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.SignalWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.TerminateWorkflowExecutionRequest;

/**
 * What reaches a run from outside it: signals, cancel requests and termination from clients, and activity
 * heartbeats and results from workers, by task token or by activity id.
 */
public final class Interactions {
    private final Core core;

    Interactions(Core core) {
        this.core = core;
    }

    public void signal(SignalWorkflowExecutionRequest request) {
        core.namespaces.check(request.getNamespace());
        if (request.getSignalName().isEmpty()) {
            throw EngineException.invalidArgument("SignalName is not set on request.");
        }
        var key = core.runs.resolve(request.getNamespace(), request.getWorkflowExecution());
        core.lifecycle.signal(
                key,
                request.getSignalName(),
                request.getInput(),
                request.getIdentity(),
                request.getHeader(),
                request.getRequestId(),
                null);
    }

    public void requestCancel(RequestCancelWorkflowExecutionRequest request) {
        core.namespaces.check(request.getNamespace());
        var key = core.runs.resolve(request.getNamespace(), request.getWorkflowExecution());
        core.lifecycle.requestCancel(key, request.getIdentity(), request.getReason(), 0, null);
    }

    public void terminate(TerminateWorkflowExecutionRequest request) {
        core.namespaces.check(request.getNamespace());
        var key = core.runs.resolve(request.getNamespace(), request.getWorkflowExecution());
        core.lifecycle.terminate(
                key, request.getReason(), request.hasDetails() ? request.getDetails() : null, request.getIdentity());
    }

    /** Records a heartbeat by task token; returns whether the activity's cancellation was requested. */
    public boolean heartbeat(ByteString taskToken, Payloads details) {
        var token = activityToken(taskToken);
        return core.runs.mutate(token.run(), (execution, change) -> {
            var activity = Activities.startedActivity(execution, token.scheduledEventId(), token.attempt());
            return core.activities.heartbeat(execution, change, activity, details);
        });
    }

    public boolean heartbeatById(
            String namespace, String workflowId, String runId, String activityId, Payloads details) {
        return byId(
                namespace,
                workflowId,
                runId,
                activityId,
                (execution, change, activity) -> core.activities.heartbeat(execution, change, activity, details));
    }

    public void completeActivity(ByteString taskToken, Payloads result, String identity) {
        var token = activityToken(taskToken);
        core.runs.mutate(token.run(), (execution, change) -> {
            var activity = Activities.startedActivity(execution, token.scheduledEventId(), token.attempt());
            core.activities.complete(execution, change, activity, result, identity);
            return null;
        });
    }

    public void completeActivityById(
            String namespace, String workflowId, String runId, String activityId, Payloads result, String identity) {
        byId(namespace, workflowId, runId, activityId, (execution, change, activity) -> {
            core.activities.complete(execution, change, activity, result, identity);
            return null;
        });
    }

    public void failActivity(ByteString taskToken, Failure failure, Payloads lastHeartbeat, String identity) {
        var token = activityToken(taskToken);
        core.runs.mutate(token.run(), (execution, change) -> {
            var activity = Activities.startedActivity(execution, token.scheduledEventId(), token.attempt());
            core.activities.fail(execution, change, activity, failure, lastHeartbeat, identity);
            return null;
        });
    }

    public void failActivityById(
            String namespace,
            String workflowId,
            String runId,
            String activityId,
            Failure failure,
            Payloads lastHeartbeat,
            String identity) {
        byId(namespace, workflowId, runId, activityId, (execution, change, activity) -> {
            core.activities.fail(execution, change, activity, failure, lastHeartbeat, identity);
            return null;
        });
    }

    public void cancelActivity(ByteString taskToken, Payloads details, String identity) {
        var token = activityToken(taskToken);
        core.runs.mutate(token.run(), (execution, change) -> {
            var activity = Activities.startedActivity(execution, token.scheduledEventId(), token.attempt());
            core.activities.canceled(execution, change, activity, details, identity);
            return null;
        });
    }

    public void cancelActivityById(
            String namespace, String workflowId, String runId, String activityId, Payloads details, String identity) {
        byId(namespace, workflowId, runId, activityId, (execution, change, activity) -> {
            core.activities.canceled(execution, change, activity, details, identity);
            return null;
        });
    }

    private interface ActivityChange<T> {
        T apply(Execution execution, Change change, RunState.Activity activity);
    }

    private <T> T byId(String namespace, String workflowId, String runId, String activityId, ActivityChange<T> fn) {
        core.namespaces.check(namespace);
        if (activityId.isEmpty()) {
            throw EngineException.invalidArgument("ActivityId is not set on request.");
        }
        var key = core.runs.resolve(
                namespace,
                WorkflowExecution.newBuilder()
                        .setWorkflowId(workflowId)
                        .setRunId(runId)
                        .build());
        return core.runs.mutate(key, (execution, change) -> {
            if (!execution.state.isRunning()) {
                throw EngineException.notFound("workflow execution already completed");
            }
            var activity = execution.state.activities.values().stream()
                    .filter(a -> a.attributes.getActivityId().equals(activityId))
                    .findFirst()
                    .orElseThrow(() -> EngineException.notFound("activity task not found"));
            if (!activity.isStarted()) {
                activity.startedTime = System.currentTimeMillis();
            }
            return fn.apply(execution, change, activity);
        });
    }

    private static TaskToken activityToken(ByteString bytes) {
        var token = TaskToken.decode(bytes);
        if (token.kind() != TaskToken.Kind.ACTIVITY_TASK) {
            throw EngineException.invalidArgument("Invalid TaskToken.");
        }
        return token;
    }
}
