package io.junction.temporal.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.Durations;
import io.temporal.api.command.v1.Command;
import io.temporal.api.command.v1.CompleteWorkflowExecutionCommandAttributes;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.common.v1.WorkflowType;
import io.temporal.api.enums.v1.CommandType;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowTaskFailedCause;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.PollWorkflowTaskQueueRequest;
import io.temporal.api.workflowservice.v1.PollWorkflowTaskQueueResponse;
import io.temporal.api.workflowservice.v1.RespondWorkflowTaskCompletedRequest;
import io.temporal.api.workflowservice.v1.SignalWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.StartWorkflowExecutionRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Workflow task rules as a worker sees them over raw gRPC: buffered events, timeouts, history paging, cron. */
class WorkflowTaskProtocolTest extends GrpcServerTest {
    private static final TaskQueue QUEUE =
            TaskQueue.newBuilder().setName("protocol").build();

    private StartWorkflowExecutionRequest.Builder startRequest(String workflowId) {
        return StartWorkflowExecutionRequest.newBuilder()
                .setNamespace("default")
                .setWorkflowId(workflowId)
                .setWorkflowType(WorkflowType.newBuilder().setName("W"))
                .setTaskQueue(QUEUE)
                .setRequestId(workflowId + "-request");
    }

    private PollWorkflowTaskQueueResponse poll() {
        return stub.withDeadlineAfter(15, TimeUnit.SECONDS)
                .pollWorkflowTaskQueue(PollWorkflowTaskQueueRequest.newBuilder()
                        .setNamespace("default")
                        .setTaskQueue(QUEUE)
                        .setIdentity("raw-worker")
                        .build());
    }

    private void complete(PollWorkflowTaskQueueResponse task, Command... commands) {
        stub.respondWorkflowTaskCompleted(RespondWorkflowTaskCompletedRequest.newBuilder()
                .setNamespace("default")
                .setTaskToken(task.getTaskToken())
                .setIdentity("raw-worker")
                .addAllCommands(List.of(commands))
                .build());
    }

    private static Command completeWorkflow() {
        return Command.newBuilder()
                .setCommandType(CommandType.COMMAND_TYPE_COMPLETE_WORKFLOW_EXECUTION)
                .setCompleteWorkflowExecutionCommandAttributes(
                        CompleteWorkflowExecutionCommandAttributes.getDefaultInstance())
                .build();
    }

    private List<HistoryEvent> history(String workflowId, String runId, int pageSize) {
        var events = new ArrayList<HistoryEvent>();
        var request = GetWorkflowExecutionHistoryRequest.newBuilder()
                .setNamespace("default")
                .setExecution(
                        WorkflowExecution.newBuilder().setWorkflowId(workflowId).setRunId(runId))
                .setMaximumPageSize(pageSize);
        do {
            var page = stub.getWorkflowExecutionHistory(request.build());
            events.addAll(page.getHistory().getEventsList());
            request.setNextPageToken(page.getNextPageToken());
        } while (!request.getNextPageToken().isEmpty());
        return events;
    }

    @Test
    void aCloseCommandWhileASignalIsBufferedFailsTheTaskWithUnhandledCommandAndANewTaskCarriesTheSignal() {
        var run = stub.startWorkflowExecution(startRequest("buffered").build());
        var first = poll();
        stub.signalWorkflowExecution(SignalWorkflowExecutionRequest.newBuilder()
                .setNamespace("default")
                .setWorkflowExecution(WorkflowExecution.newBuilder().setWorkflowId("buffered"))
                .setSignalName("late")
                .build());

        complete(first, completeWorkflow());
        var second = poll();
        complete(second, completeWorkflow());

        var types = history("buffered", run.getRunId(), 3).stream()
                .map(HistoryEvent::getEventType)
                .toList();
        assertThat(types)
                .containsExactly(
                        EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED,
                        EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED,
                        EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED,
                        EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED,
                        EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED,
                        EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED,
                        EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED,
                        EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED,
                        EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED);
        var failed = history("buffered", run.getRunId(), 100).get(3).getWorkflowTaskFailedEventAttributes();
        assertThat(failed.getCause()).isEqualTo(WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_UNHANDLED_COMMAND);
        assertThat(second.getAttempt()).isEqualTo(2);
    }

    @Test
    void aWorkflowTaskNobodyAnswersTimesOutAndIsRetriedAsTheNextAttempt() {
        var run = stub.startWorkflowExecution(startRequest("silent")
                .setWorkflowTaskTimeout(Durations.fromSeconds(1))
                .build());

        var ignored = poll();
        var retried = poll();

        assertThat(ignored.getAttempt()).isEqualTo(1);
        assertThat(retried.getAttempt()).isEqualTo(2);
        var timedOut = retried.getHistory().getEventsList().stream()
                .filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT)
                .toList();
        assertThat(timedOut).hasSize(1);
        complete(retried, completeWorkflow());
        assertThat(history("silent", run.getRunId(), 2).getLast().getEventType())
                .isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED);
    }

    @Test
    void aCronWorkflowStartsItsNextRunAfterEachCompletion() {
        var first = stub.startWorkflowExecution(
                startRequest("cron").setCronSchedule("@every 1s").build());

        var firstTask = poll();
        complete(firstTask, completeWorkflow());
        var secondTask = poll();

        assertThat(firstTask.getWorkflowExecution().getRunId()).isEqualTo(first.getRunId());
        assertThat(secondTask.getWorkflowExecution().getRunId()).isNotEqualTo(first.getRunId());
        var started = secondTask.getHistory().getEvents(0).getWorkflowExecutionStartedEventAttributes();
        assertThat(started.getContinuedExecutionRunId()).isEqualTo(first.getRunId());
        assertThat(started.getCronSchedule()).isEqualTo("@every 1s");
        var closed = history("cron", first.getRunId(), 100).getLast();
        assertThat(closed.getWorkflowExecutionCompletedEventAttributes().getNewExecutionRunId())
                .isEqualTo(secondTask.getWorkflowExecution().getRunId());
    }
}
