package io.junction.cli.temporal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.junction.cli.Style;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.history.v1.HistoryEvent;
import java.time.Duration;
import java.util.Locale;

/**
 * How a workflow run closed, read from its close event: the status, the result when it completed, and the failure,
 * termination reason or cancellation otherwise.
 */
record Outcome(String status, JsonNode result, String detail, HistoryEvent event) {
    static Outcome of(HistoryEvent event) {
        return switch (event.getAttributesCase()) {
            case WORKFLOW_EXECUTION_COMPLETED_EVENT_ATTRIBUTES ->
                new Outcome(
                        "COMPLETED",
                        Payloads.json(event.getWorkflowExecutionCompletedEventAttributes()
                                .getResult()),
                        null,
                        event);
            case WORKFLOW_EXECUTION_FAILED_EVENT_ATTRIBUTES ->
                new Outcome(
                        "FAILED",
                        null,
                        message(event.getWorkflowExecutionFailedEventAttributes()
                                .getFailure()),
                        event);
            case WORKFLOW_EXECUTION_TIMED_OUT_EVENT_ATTRIBUTES -> new Outcome("TIMED_OUT", null, null, event);
            case WORKFLOW_EXECUTION_CANCELED_EVENT_ATTRIBUTES -> new Outcome("CANCELED", null, null, event);
            case WORKFLOW_EXECUTION_TERMINATED_EVENT_ATTRIBUTES ->
                new Outcome(
                        "TERMINATED",
                        null,
                        event.getWorkflowExecutionTerminatedEventAttributes().getReason(),
                        event);
            case WORKFLOW_EXECUTION_CONTINUED_AS_NEW_EVENT_ATTRIBUTES ->
                new Outcome(
                        "CONTINUED_AS_NEW",
                        null,
                        "continued as run "
                                + event.getWorkflowExecutionContinuedAsNewEventAttributes()
                                        .getNewExecutionRunId(),
                        event);
            default -> new Outcome(event.getEventType().name(), null, null, event);
        };
    }

    /** Whether the event closes a run (continue-as-new included). */
    static boolean closes(HistoryEvent event) {
        return switch (event.getAttributesCase()) {
            case WORKFLOW_EXECUTION_COMPLETED_EVENT_ATTRIBUTES,
                    WORKFLOW_EXECUTION_FAILED_EVENT_ATTRIBUTES,
                    WORKFLOW_EXECUTION_TIMED_OUT_EVENT_ATTRIBUTES,
                    WORKFLOW_EXECUTION_CANCELED_EVENT_ATTRIBUTES,
                    WORKFLOW_EXECUTION_TERMINATED_EVENT_ATTRIBUTES,
                    WORKFLOW_EXECUTION_CONTINUED_AS_NEW_EVENT_ATTRIBUTES -> true;
            default -> false;
        };
    }

    boolean completed() {
        return status.equals("COMPLETED");
    }

    /** The one-line error for a run that did not complete: {@code workflow failed: <message>}. */
    String error() {
        var text = "workflow " + status.toLowerCase(Locale.ROOT).replace('_', ' ');
        return detail == null ? text : text + ": " + detail;
    }

    /** The {@code Results:} card; {@code runTime} is left out when null. */
    Card card(Style style, Duration runTime) {
        var shownStatus = completed() ? style.green(status) : style.red(status);
        return new Card()
                .optional("RunTime", runTime == null ? null : Human.duration(runTime))
                .add("Status", new Shown(status, shownStatus))
                .optional("Result", result == null ? null : result.toString())
                .optional(status.equals("TERMINATED") ? "Reason" : "Failure", detail);
    }

    /** Adds status, close event and result to a JSON object for {@code -o json}. */
    ObjectNode addTo(ObjectNode json) {
        json.put("status", status);
        json.set("closeEvent", Session.tree(event));
        if (result != null) {
            json.set("result", result);
        }
        return json;
    }

    private static String message(Failure failure) {
        var text = new StringBuilder(failure.getMessage());
        for (var cause = failure; cause.hasCause(); ) {
            cause = cause.getCause();
            text.append(": ").append(cause.getMessage());
        }
        return text.toString();
    }
}
