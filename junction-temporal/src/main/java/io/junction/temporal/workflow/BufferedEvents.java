package io.junction.temporal.workflow;

import io.temporal.api.history.v1.HistoryEvent;
import java.util.Map;

/**
 * Event id wiring for buffered events. An activity result that arrives during a workflow task is buffered with
 * its ActivityTaskStarted event; neither has an id until the buffer is flushed, so the result's started event id
 * is filled in then. The same holds for a child workflow's started and closing events.
 */
final class BufferedEvents {
    private BufferedEvents() {}

    /** Records the id a flushed started event got, keyed by the event that scheduled or initiated it. */
    static void remember(HistoryEvent event, Map<Long, Long> startedIds, RunState state) {
        switch (event.getEventType()) {
            case EVENT_TYPE_ACTIVITY_TASK_STARTED ->
                startedIds.put(event.getActivityTaskStartedEventAttributes().getScheduledEventId(), event.getEventId());
            case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED -> {
                var initiated =
                        event.getChildWorkflowExecutionStartedEventAttributes().getInitiatedEventId();
                startedIds.put(-initiated, event.getEventId());
                var child = state.children.get(initiated);
                if (child != null) {
                    child.startedEventId = event.getEventId();
                }
            }
            default -> {}
        }
    }

    /** Fills in the started event id of a closing event whose started event was flushed just before it. */
    static HistoryEvent.Builder wire(HistoryEvent.Builder event, Map<Long, Long> startedIds) {
        switch (event.getEventType()) {
            case EVENT_TYPE_ACTIVITY_TASK_COMPLETED -> {
                var a = event.getActivityTaskCompletedEventAttributesBuilder();
                a.setStartedEventId(startedIds.getOrDefault(a.getScheduledEventId(), a.getStartedEventId()));
            }
            case EVENT_TYPE_ACTIVITY_TASK_FAILED -> {
                var a = event.getActivityTaskFailedEventAttributesBuilder();
                a.setStartedEventId(startedIds.getOrDefault(a.getScheduledEventId(), a.getStartedEventId()));
            }
            case EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT -> {
                var a = event.getActivityTaskTimedOutEventAttributesBuilder();
                a.setStartedEventId(startedIds.getOrDefault(a.getScheduledEventId(), a.getStartedEventId()));
            }
            case EVENT_TYPE_ACTIVITY_TASK_CANCELED -> {
                var a = event.getActivityTaskCanceledEventAttributesBuilder();
                a.setStartedEventId(startedIds.getOrDefault(a.getScheduledEventId(), a.getStartedEventId()));
            }
            case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_COMPLETED -> {
                var a = event.getChildWorkflowExecutionCompletedEventAttributesBuilder();
                a.setStartedEventId(startedIds.getOrDefault(-a.getInitiatedEventId(), a.getStartedEventId()));
            }
            case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_FAILED -> {
                var a = event.getChildWorkflowExecutionFailedEventAttributesBuilder();
                a.setStartedEventId(startedIds.getOrDefault(-a.getInitiatedEventId(), a.getStartedEventId()));
            }
            case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_CANCELED -> {
                var a = event.getChildWorkflowExecutionCanceledEventAttributesBuilder();
                a.setStartedEventId(startedIds.getOrDefault(-a.getInitiatedEventId(), a.getStartedEventId()));
            }
            case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_TIMED_OUT -> {
                var a = event.getChildWorkflowExecutionTimedOutEventAttributesBuilder();
                a.setStartedEventId(startedIds.getOrDefault(-a.getInitiatedEventId(), a.getStartedEventId()));
            }
            case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_TERMINATED -> {
                var a = event.getChildWorkflowExecutionTerminatedEventAttributesBuilder();
                a.setStartedEventId(startedIds.getOrDefault(-a.getInitiatedEventId(), a.getStartedEventId()));
            }
            default -> {}
        }
        return event;
    }
}
