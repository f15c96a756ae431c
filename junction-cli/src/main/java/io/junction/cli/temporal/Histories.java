package io.junction.cli.temporal;

import com.google.protobuf.ByteString;
import io.junction.cli.Style;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.HistoryEventFilterType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** Reading a workflow's event history: all of it, or waiting for the event that closes it. */
final class Histories {
    private static final String EVENT_PREFIX = "EVENT_TYPE_";
    private static final long LONG_POLL_SECONDS = 70;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS", Locale.ROOT);

    private Histories() {}

    /** Every event of the run, page by page. */
    static List<HistoryEvent> all(Session session, WorkflowExecution execution) {
        var events = new ArrayList<HistoryEvent>();
        var token = ByteString.EMPTY;
        do {
            var request = GetWorkflowExecutionHistoryRequest.newBuilder()
                    .setNamespace(session.namespace())
                    .setExecution(execution)
                    .setNextPageToken(token)
                    .build();
            var page = session.call(
                    "failed reading history", () -> session.workflowService().getWorkflowExecutionHistory(request));
            events.addAll(page.getHistory().getEventsList());
            token = page.getNextPageToken();
        } while (!token.isEmpty());
        return events;
    }

    /**
     * Waits for the event that closes the run, following continue-as-new to the run that finally closes, as the
     * temporal CLI's {@code result} does.
     */
    static HistoryEvent closeEvent(Session session, String workflowId, String runId) {
        var execution = WorkflowExecution.newBuilder().setWorkflowId(workflowId);
        if (runId != null) {
            execution.setRunId(runId);
        }
        var token = ByteString.EMPTY;
        while (true) {
            var request = GetWorkflowExecutionHistoryRequest.newBuilder()
                    .setNamespace(session.namespace())
                    .setExecution(execution)
                    .setWaitNewEvent(true)
                    .setHistoryEventFilterType(HistoryEventFilterType.HISTORY_EVENT_FILTER_TYPE_CLOSE_EVENT)
                    .setNextPageToken(token)
                    .build();
            var page = session.call("failed waiting for the workflow to close", () -> session.workflowService()
                    .withDeadlineAfter(LONG_POLL_SECONDS, TimeUnit.SECONDS)
                    .getWorkflowExecutionHistory(request));
            var events = page.getHistory().getEventsList();
            if (!events.isEmpty()) {
                var event = events.getLast();
                if (!event.hasWorkflowExecutionContinuedAsNewEventAttributes()) {
                    return event;
                }
                execution.setRunId(event.getWorkflowExecutionContinuedAsNewEventAttributes()
                        .getNewExecutionRunId());
                token = ByteString.EMPTY;
            } else {
                token = page.getNextPageToken();
            }
        }
    }

    /** The events as a table of ID, time and type, coloured by outcome on a terminal. */
    static Table table(List<HistoryEvent> events, Style style) {
        var table = new Table("ID", "Time", "Type");
        for (var event : events) {
            var time = Human.instant(event.getEventTime()).atZone(ZoneId.systemDefault());
            var type = Human.enumName(event.getEventType(), EVENT_PREFIX);
            table.row(
                    event.getEventId(), CLOCK.format(time), new Shown(type, colour(event.getEventType(), type, style)));
        }
        return table;
    }

    private static String colour(EventType type, String text, Style style) {
        var name = type.name();
        if (name.endsWith("_FAILED")) {
            return style.red(text);
        }
        if (name.endsWith("_TIMED_OUT")) {
            return style.yellow(text);
        }
        if (name.endsWith("_CANCELED") || name.endsWith("_TERMINATED")) {
            return style.magenta(text);
        }
        if (type == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED) {
            return style.green(text);
        }
        return type == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED ? style.blue(text) : text;
    }
}
