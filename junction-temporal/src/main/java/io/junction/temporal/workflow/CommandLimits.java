package io.junction.temporal.workflow;

import com.google.protobuf.MessageLite;
import io.temporal.api.command.v1.Command;
import io.temporal.api.enums.v1.WorkflowTaskFailedCause;

/**
 * Temporal's 2 MiB blob limit on the payloads commands carry. A command over it fails its workflow task and
 * terminates the run, with the reason Temporal gives (for example "CompleteWorkflowExecutionCommandAttributes.Result
 * exceeds size limit.").
 */
final class CommandLimits {
    static final int MAX_BLOB_BYTES = 2 * 1024 * 1024;

    private CommandLimits() {}

    /** A command over the limit: the workflow task failure cause and the termination reason. */
    record Oversized(WorkflowTaskFailedCause cause, String reason) {}

    static Oversized firstOversized(Iterable<Command> commands) {
        for (var command : commands) {
            var oversized = check(command);
            if (oversized != null) {
                return oversized;
            }
        }
        return null;
    }

    private static Oversized check(Command command) {
        return switch (command.getCommandType()) {
            case COMMAND_TYPE_COMPLETE_WORKFLOW_EXECUTION ->
                over(
                        command.getCompleteWorkflowExecutionCommandAttributes().getResult(),
                        WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_BAD_COMPLETE_WORKFLOW_EXECUTION_ATTRIBUTES,
                        "CompleteWorkflowExecutionCommandAttributes.Result");
            case COMMAND_TYPE_FAIL_WORKFLOW_EXECUTION ->
                over(
                        command.getFailWorkflowExecutionCommandAttributes().getFailure(),
                        WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_BAD_FAIL_WORKFLOW_EXECUTION_ATTRIBUTES,
                        "FailWorkflowExecutionCommandAttributes.Failure");
            case COMMAND_TYPE_CANCEL_WORKFLOW_EXECUTION ->
                over(
                        command.getCancelWorkflowExecutionCommandAttributes().getDetails(),
                        WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_BAD_CANCEL_WORKFLOW_EXECUTION_ATTRIBUTES,
                        "CancelWorkflowExecutionCommandAttributes.Details");
            case COMMAND_TYPE_SCHEDULE_ACTIVITY_TASK ->
                over(
                        command.getScheduleActivityTaskCommandAttributes().getInput(),
                        WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_BAD_SCHEDULE_ACTIVITY_ATTRIBUTES,
                        "ScheduleActivityTaskCommandAttributes.Input");
            case COMMAND_TYPE_RECORD_MARKER ->
                over(
                        command.getRecordMarkerCommandAttributes(),
                        WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_BAD_RECORD_MARKER_ATTRIBUTES,
                        "RecordMarkerCommandAttributes.Details");
            case COMMAND_TYPE_CONTINUE_AS_NEW_WORKFLOW_EXECUTION ->
                over(
                        command.getContinueAsNewWorkflowExecutionCommandAttributes()
                                .getInput(),
                        WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_BAD_CONTINUE_AS_NEW_ATTRIBUTES,
                        "ContinueAsNewWorkflowExecutionCommandAttributes.Input");
            case COMMAND_TYPE_START_CHILD_WORKFLOW_EXECUTION ->
                over(
                        command.getStartChildWorkflowExecutionCommandAttributes()
                                .getInput(),
                        WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_BAD_START_CHILD_EXECUTION_ATTRIBUTES,
                        "StartChildWorkflowExecutionCommandAttributes.Input");
            case COMMAND_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION ->
                over(
                        command.getSignalExternalWorkflowExecutionCommandAttributes()
                                .getInput(),
                        WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_BAD_SIGNAL_WORKFLOW_EXECUTION_ATTRIBUTES,
                        "SignalExternalWorkflowExecutionCommandAttributes.Input");
            default -> null;
        };
    }

    private static Oversized over(MessageLite payload, WorkflowTaskFailedCause cause, String field) {
        if (payload.getSerializedSize() <= MAX_BLOB_BYTES) {
            return null;
        }
        return new Oversized(cause, field + " exceeds size limit.");
    }
}
