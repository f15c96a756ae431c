package io.junction.temporal.workflow;

import com.google.protobuf.util.Durations;
import io.temporal.api.command.v1.Command;
import io.temporal.api.command.v1.ScheduleActivityTaskCommandAttributes;
import io.temporal.api.common.v1.Memo;
import io.temporal.api.common.v1.SearchAttributes;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowTaskFailedCause;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.history.v1.ActivityTaskCancelRequestedEventAttributes;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.MarkerRecordedEventAttributes;
import io.temporal.api.history.v1.TimerCanceledEventAttributes;
import io.temporal.api.history.v1.TimerStartedEventAttributes;
import io.temporal.api.history.v1.UpsertWorkflowSearchAttributesEventAttributes;
import io.temporal.api.history.v1.WorkflowPropertiesModifiedEventAttributes;
import java.util.HashSet;
import java.util.List;

/**
 * The commands of a workflow task completion: checked all together first (a bad one fails the whole task with
 * Temporal's cause and changes nothing), then applied in order, each writing the event Temporal writes for it.
 */
final class Commands {
    private final Core core;

    Commands(Core core) {
        this.core = core;
    }

    /** Why a completion is refused: the workflow task failure cause and its message. */
    record Refusal(WorkflowTaskFailedCause cause, Failure failure) {
        static Refusal of(WorkflowTaskFailedCause cause, String message) {
            return new Refusal(cause, Failure.newBuilder().setMessage(message).build());
        }
    }

    boolean closesWorkflow(List<Command> commands) {
        return commands.stream().anyMatch(c -> switch (c.getCommandType()) {
            case COMMAND_TYPE_COMPLETE_WORKFLOW_EXECUTION,
                    COMMAND_TYPE_FAIL_WORKFLOW_EXECUTION,
                    COMMAND_TYPE_CANCEL_WORKFLOW_EXECUTION,
                    COMMAND_TYPE_CONTINUE_AS_NEW_WORKFLOW_EXECUTION -> true;
            default -> false;
        });
    }

    /** A close command must be the last one; Temporal refuses the whole request otherwise. */
    void checkSequence(List<Command> commands) {
        for (var i = 0; i < commands.size() - 1; i++) {
            if (closesWorkflow(List.of(commands.get(i)))) {
                var types = commands.stream()
                        .map(c -> c.getCommandType().name())
                        .collect(java.util.stream.Collectors.joining(" ", "[", "]"));
                throw EngineException.invalidArgument("invalid command sequence: " + types + ", command "
                        + commands.get(i).getCommandType().name() + " must be the last command.");
            }
        }
    }

    Refusal validate(Execution execution, List<Command> commands) {
        var state = execution.state;
        var activityIds = new HashSet<String>();
        state.activities.values().forEach(a -> activityIds.add(a.attributes.getActivityId()));
        var timerIds = new HashSet<>(state.timers.keySet());
        for (var i = 0; i < commands.size(); i++) {
            var command = commands.get(i);
            var refusal =
                    switch (command.getCommandType()) {
                        case COMMAND_TYPE_SCHEDULE_ACTIVITY_TASK ->
                            checkActivity(command.getScheduleActivityTaskCommandAttributes(), activityIds);
                        case COMMAND_TYPE_START_TIMER -> checkTimer(command, timerIds);
                        case COMMAND_TYPE_CANCEL_TIMER ->
                            timerIds.remove(command.getCancelTimerCommandAttributes()
                                            .getTimerId())
                                    ? null
                                    : Refusal.of(
                                            WorkflowTaskFailedCause
                                                    .WORKFLOW_TASK_FAILED_CAUSE_BAD_CANCEL_TIMER_ATTRIBUTES,
                                            "invalid history builder state for action: add-timer-canceled-event");
                        case COMMAND_TYPE_REQUEST_CANCEL_ACTIVITY_TASK ->
                            state.activities.containsKey(command.getRequestCancelActivityTaskCommandAttributes()
                                            .getScheduledEventId())
                                    ? null
                                    : Refusal.of(
                                            WorkflowTaskFailedCause
                                                    .WORKFLOW_TASK_FAILED_CAUSE_BAD_REQUEST_CANCEL_ACTIVITY_ATTRIBUTES,
                                            "invalid history builder state for action:"
                                                    + " add-activitytask-cancel-requested-event");
                        case COMMAND_TYPE_START_CHILD_WORKFLOW_EXECUTION ->
                            command.getStartChildWorkflowExecutionCommandAttributes()
                                            .getWorkflowId()
                                            .isEmpty()
                                    ? Refusal.of(
                                            WorkflowTaskFailedCause
                                                    .WORKFLOW_TASK_FAILED_CAUSE_BAD_START_CHILD_EXECUTION_ATTRIBUTES,
                                            "Required field WorkflowId is not set on command.")
                                    : null;
                        case COMMAND_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES ->
                            checkSearchAttributes(
                                    state.namespace,
                                    command.getUpsertWorkflowSearchAttributesCommandAttributes()
                                            .getSearchAttributes());
                        case COMMAND_TYPE_PROTOCOL_MESSAGE,
                                COMMAND_TYPE_SCHEDULE_NEXUS_OPERATION,
                                COMMAND_TYPE_REQUEST_CANCEL_NEXUS_OPERATION ->
                            Refusal.of(
                                    WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_UNHANDLED_COMMAND,
                                    "command " + command.getCommandType() + " is not supported by this server");
                        case COMMAND_TYPE_UNSPECIFIED, UNRECOGNIZED ->
                            Refusal.of(
                                    WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_UNHANDLED_COMMAND,
                                    "Unknown command type: " + command.getCommandType());
                        default -> null;
                    };
            if (refusal != null) {
                return refusal;
            }
        }
        return null;
    }

    private Refusal checkSearchAttributes(String namespace, SearchAttributes attributes) {
        try {
            Starts.checkSearchAttributes(core, namespace, attributes);
            return null;
        } catch (EngineException e) {
            return Refusal.of(WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_BAD_SEARCH_ATTRIBUTES, e.getMessage());
        }
    }

    private static Refusal checkActivity(ScheduleActivityTaskCommandAttributes attributes, HashSet<String> ids) {
        var cause = WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_BAD_SCHEDULE_ACTIVITY_ATTRIBUTES;
        if (attributes.getActivityId().isEmpty()) {
            return Refusal.of(cause, "ActivityId is not set on command.");
        }
        if (attributes.getActivityType().getName().isEmpty()) {
            return Refusal.of(cause, "ActivityType is not set on command.");
        }
        for (var timeout : List.of(
                attributes.getScheduleToCloseTimeout(),
                attributes.getScheduleToStartTimeout(),
                attributes.getStartToCloseTimeout(),
                attributes.getHeartbeatTimeout())) {
            if (!Durations.isValid(timeout) || Durations.toMillis(timeout) < 0) {
                return Refusal.of(cause, "An invalid timeout is set on ScheduleActivityTaskCommandAttributes.");
            }
        }
        var retry = attributes.getRetryPolicy();
        if (!Durations.isValid(retry.getInitialInterval()) || !Durations.isValid(retry.getMaximumInterval())) {
            return Refusal.of(cause, "An invalid retry interval is set on ScheduleActivityTaskCommandAttributes.");
        }
        if (Durations.toMillis(attributes.getScheduleToCloseTimeout()) <= 0
                && Durations.toMillis(attributes.getStartToCloseTimeout()) <= 0) {
            return Refusal.of(cause, "A valid StartToClose or ScheduleToCloseTimeout is not set on command.");
        }
        var retryProblem = RetryPolicies.validate(attributes.getRetryPolicy());
        if (retryProblem != null) {
            return Refusal.of(cause, retryProblem);
        }
        if (!ids.add(attributes.getActivityId())) {
            return Refusal.of(
                    WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_SCHEDULE_ACTIVITY_DUPLICATE_ID,
                    "Activity with ID " + attributes.getActivityId() + " already exists");
        }
        return null;
    }

    private static Refusal checkTimer(Command command, HashSet<String> ids) {
        var attributes = command.getStartTimerCommandAttributes();
        if (attributes.getTimerId().isEmpty()) {
            return Refusal.of(
                    WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_BAD_START_TIMER_ATTRIBUTES,
                    "TimerId is not set on command.");
        }
        if (!Durations.isValid(attributes.getStartToFireTimeout())
                || Durations.toMillis(attributes.getStartToFireTimeout()) <= 0) {
            return Refusal.of(
                    WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_BAD_START_TIMER_ATTRIBUTES,
                    "A valid StartToFireTimeout is not set on command.");
        }
        if (!ids.add(attributes.getTimerId())) {
            return Refusal.of(
                    WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_START_TIMER_DUPLICATE_ID,
                    "invalid history builder state for action: add-timer-started-event, TimerId: "
                            + attributes.getTimerId());
        }
        return null;
    }

    /** Applies validated commands; {@code completedEventId} is the WorkflowTaskCompleted event's id. */
    void apply(Execution execution, Change change, List<Command> commands, long completedEventId) {
        for (var command : commands) {
            if (!execution.state.isRunning()) {
                return;
            }
            switch (command.getCommandType()) {
                case COMMAND_TYPE_SCHEDULE_ACTIVITY_TASK ->
                    core.activities.schedule(
                            execution, change, command.getScheduleActivityTaskCommandAttributes(), completedEventId);
                case COMMAND_TYPE_REQUEST_CANCEL_ACTIVITY_TASK ->
                    requestCancelActivity(
                            execution,
                            change,
                            command.getRequestCancelActivityTaskCommandAttributes()
                                    .getScheduledEventId(),
                            completedEventId);
                case COMMAND_TYPE_START_TIMER -> startTimer(execution, change, command, completedEventId);
                case COMMAND_TYPE_CANCEL_TIMER -> cancelTimer(execution, command, completedEventId);
                case COMMAND_TYPE_RECORD_MARKER -> recordMarker(execution, command, completedEventId);
                case COMMAND_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES ->
                    upsertSearchAttributes(execution, command, completedEventId);
                case COMMAND_TYPE_MODIFY_WORKFLOW_PROPERTIES -> modifyProperties(execution, command, completedEventId);
                case COMMAND_TYPE_COMPLETE_WORKFLOW_EXECUTION,
                        COMMAND_TYPE_FAIL_WORKFLOW_EXECUTION,
                        COMMAND_TYPE_CANCEL_WORKFLOW_EXECUTION,
                        COMMAND_TYPE_CONTINUE_AS_NEW_WORKFLOW_EXECUTION ->
                    core.lifecycle.closeByCommand(execution, change, command, completedEventId);
                case COMMAND_TYPE_START_CHILD_WORKFLOW_EXECUTION ->
                    core.lifecycle.initiateChild(
                            execution,
                            change,
                            command.getStartChildWorkflowExecutionCommandAttributes(),
                            completedEventId);
                case COMMAND_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION ->
                    core.lifecycle.initiateSignal(
                            execution,
                            change,
                            command.getSignalExternalWorkflowExecutionCommandAttributes(),
                            completedEventId);
                case COMMAND_TYPE_REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION ->
                    core.lifecycle.initiateCancel(
                            execution,
                            change,
                            command.getRequestCancelExternalWorkflowExecutionCommandAttributes(),
                            completedEventId);
                default -> throw new IllegalStateException("unvalidated command " + command.getCommandType());
            }
        }
    }

    private void requestCancelActivity(Execution execution, Change change, long scheduledEventId, long completed) {
        var activity = execution.state.activities.get(scheduledEventId);
        var requested = execution.append(HistoryEvent.newBuilder()
                .setEventType(EventType.EVENT_TYPE_ACTIVITY_TASK_CANCEL_REQUESTED)
                .setActivityTaskCancelRequestedEventAttributes(ActivityTaskCancelRequestedEventAttributes.newBuilder()
                        .setScheduledEventId(scheduledEventId)
                        .setWorkflowTaskCompletedEventId(completed)));
        core.activities.requestCancel(execution, change, activity, requested.getEventId());
    }

    private void startTimer(Execution execution, Change change, Command command, long completed) {
        var attributes = command.getStartTimerCommandAttributes();
        var started = execution.append(HistoryEvent.newBuilder()
                .setEventType(EventType.EVENT_TYPE_TIMER_STARTED)
                .setTimerStartedEventAttributes(TimerStartedEventAttributes.newBuilder()
                        .setTimerId(attributes.getTimerId())
                        .setStartToFireTimeout(attributes.getStartToFireTimeout())
                        .setWorkflowTaskCompletedEventId(completed)));
        var timer = new RunState.Timer();
        timer.timerId = attributes.getTimerId();
        timer.startedEventId = started.getEventId();
        timer.fireTime = System.currentTimeMillis() + Durations.toMillis(attributes.getStartToFireTimeout());
        execution.state.timers.put(timer.timerId, timer);
        var key = execution.key();
        change.then(() -> core.lifecycle.armTimer(key, timer.timerId, timer.startedEventId, timer.fireTime));
    }

    private static void cancelTimer(Execution execution, Command command, long completed) {
        var timer = execution.state.timers.remove(
                command.getCancelTimerCommandAttributes().getTimerId());
        execution.append(HistoryEvent.newBuilder()
                .setEventType(EventType.EVENT_TYPE_TIMER_CANCELED)
                .setTimerCanceledEventAttributes(TimerCanceledEventAttributes.newBuilder()
                        .setTimerId(timer.timerId)
                        .setStartedEventId(timer.startedEventId)
                        .setWorkflowTaskCompletedEventId(completed)));
    }

    private static void recordMarker(Execution execution, Command command, long completed) {
        var attributes = command.getRecordMarkerCommandAttributes();
        var marker = MarkerRecordedEventAttributes.newBuilder()
                .setMarkerName(attributes.getMarkerName())
                .putAllDetails(attributes.getDetailsMap())
                .setWorkflowTaskCompletedEventId(completed);
        if (attributes.hasHeader()) {
            marker.setHeader(attributes.getHeader());
        }
        if (attributes.hasFailure()) {
            marker.setFailure(attributes.getFailure());
        }
        execution.append(HistoryEvent.newBuilder()
                .setEventType(EventType.EVENT_TYPE_MARKER_RECORDED)
                .setMarkerRecordedEventAttributes(marker));
    }

    private static void upsertSearchAttributes(Execution execution, Command command, long completed) {
        var upserted =
                command.getUpsertWorkflowSearchAttributesCommandAttributes().getSearchAttributes();
        execution.append(HistoryEvent.newBuilder()
                .setEventType(EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES)
                .setUpsertWorkflowSearchAttributesEventAttributes(
                        UpsertWorkflowSearchAttributesEventAttributes.newBuilder()
                                .setWorkflowTaskCompletedEventId(completed)
                                .setSearchAttributes(upserted)));
        execution.state.searchAttributes = merge(execution.state.searchAttributes, upserted);
        execution.visibilityChanged = true;
    }

    /** Upserts attributes; an attribute set to an empty payload is removed, as Temporal does. */
    static SearchAttributes merge(SearchAttributes current, SearchAttributes upserted) {
        var merged = current.toBuilder();
        upserted.getIndexedFieldsMap().forEach((name, value) -> {
            if (value.getData().isEmpty() || value.getData().toStringUtf8().equals("null")) {
                merged.removeIndexedFields(name);
            } else {
                merged.putIndexedFields(name, value);
            }
        });
        return merged.build();
    }

    private static void modifyProperties(Execution execution, Command command, long completed) {
        var memo = command.getModifyWorkflowPropertiesCommandAttributes().getUpsertedMemo();
        execution.append(HistoryEvent.newBuilder()
                .setEventType(EventType.EVENT_TYPE_WORKFLOW_PROPERTIES_MODIFIED)
                .setWorkflowPropertiesModifiedEventAttributes(WorkflowPropertiesModifiedEventAttributes.newBuilder()
                        .setWorkflowTaskCompletedEventId(completed)
                        .setUpsertedMemo(memo)));
        var merged = Memo.newBuilder(execution.state.memo);
        memo.getFieldsMap().forEach((name, value) -> {
            if (value.getData().isEmpty()) {
                merged.removeFields(name);
            } else {
                merged.putFields(name, value);
            }
        });
        execution.state.memo = merged.build();
        execution.visibilityChanged = true;
    }
}
