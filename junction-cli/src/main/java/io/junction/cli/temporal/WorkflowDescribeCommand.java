package io.junction.cli.temporal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.HistoryEventFilterType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code temporal workflow describe}: one execution as a card, then what is pending while it runs, or how it closed
 * once it has.
 */
@Command(
        name = "describe",
        sortOptions = false,
        description = "Show a workflow execution: its info, pending activities and children, or its result.")
final class WorkflowDescribeCommand extends ClientCommand {
    @Mixin
    WorkflowReference workflow;

    @Override
    int run(Session session) {
        var request = DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace(session.namespace())
                .setExecution(workflow.execution())
                .build();
        var response = session.call(
                "failed describing workflow", () -> session.workflowService().describeWorkflowExecution(request));
        var info = response.getWorkflowExecutionInfo();
        var running = info.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
        var outcome = running ? null : Outcome.of(closeEvent(session, info.getExecution()));

        if (session.json()) {
            var json = (ObjectNode) Session.tree(response);
            session.printJson(outcome == null ? json : outcome.addTo(json));
            return OK;
        }
        session.heading("Execution Info:");
        session.print(card(session, info).render());
        if (running) {
            printPending(session, response);
        } else {
            session.println("");
            session.heading("Results:");
            session.print(outcome.card(session.style(), runTime(info)).render());
        }
        return OK;
    }

    private static Card card(Session session, WorkflowExecutionInfo info) {
        var clock = session.clock();
        return new Card()
                .add("WorkflowId", info.getExecution().getWorkflowId())
                .add("RunId", info.getExecution().getRunId())
                .add("Type", info.getType().getName())
                .add("Namespace", session.namespace())
                .add("TaskQueue", info.getTaskQueue())
                .add("Status", WorkflowListCommand.status(info.getStatus(), session.style()))
                .add("StartTime", Human.time(info.getStartTime(), clock))
                .optional("CloseTime", info.hasCloseTime() ? Human.time(info.getCloseTime(), clock) : null)
                .optional("Duration", info.hasCloseTime() ? Human.duration(runTime(info)) : null)
                .optional("Memo", payloads(info.getMemo().getFieldsMap()))
                .optional(
                        "SearchAttributes", payloads(info.getSearchAttributes().getIndexedFieldsMap()))
                .add("StateTransitionCount", info.getStateTransitionCount())
                .add("HistoryLength", info.getHistoryLength())
                .add("HistorySize", info.getHistorySizeBytes() + " bytes")
                .optional("ParentWorkflowId", info.getParentExecution().getWorkflowId())
                .optional("ParentRunId", info.getParentExecution().getRunId());
    }

    private static void printPending(Session session, DescribeWorkflowExecutionResponse response) {
        var style = session.style();
        session.println("");
        session.heading("Pending Activities: " + response.getPendingActivitiesCount());
        if (response.getPendingActivitiesCount() > 0) {
            var table = new Table("ActivityId", "Type", "State", "Attempt", "LastFailure");
            for (var activity : response.getPendingActivitiesList()) {
                table.row(
                        activity.getActivityId(),
                        activity.getActivityType().getName(),
                        Human.enumName(activity.getState(), "PENDING_ACTIVITY_STATE_"),
                        activity.getAttempt(),
                        activity.getLastFailure().getMessage());
            }
            session.print(table.render(style));
        }
        session.heading("Pending Child Workflows: " + response.getPendingChildrenCount());
        if (response.getPendingChildrenCount() > 0) {
            var table = new Table("WorkflowId", "RunId", "Type");
            for (var child : response.getPendingChildrenList()) {
                table.row(child.getWorkflowId(), child.getRunId(), child.getWorkflowTypeName());
            }
            session.print(table.render(style));
        }
    }

    private static io.temporal.api.history.v1.HistoryEvent closeEvent(Session session, WorkflowExecution execution) {
        var request = GetWorkflowExecutionHistoryRequest.newBuilder()
                .setNamespace(session.namespace())
                .setExecution(execution)
                .setHistoryEventFilterType(HistoryEventFilterType.HISTORY_EVENT_FILTER_TYPE_CLOSE_EVENT)
                .build();
        var events = session.call("failed reading the close event", () -> session.workflowService()
                        .getWorkflowExecutionHistory(request))
                .getHistory()
                .getEventsList();
        if (events.isEmpty()) {
            throw new CliException("the server returned no close event for a closed workflow");
        }
        return events.getLast();
    }

    private static Duration runTime(WorkflowExecutionInfo info) {
        return Duration.between(Human.instant(info.getStartTime()), Human.instant(info.getCloseTime()));
    }

    private static String payloads(Map<String, Payload> fields) {
        if (fields.isEmpty()) {
            return null;
        }
        var json = Payloads.JSON.createObjectNode();
        new TreeMap<>(fields).forEach((name, payload) -> json.set(name, Payloads.json(payload)));
        return json.toString();
    }
}
