package io.junction.temporal.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.Durations;
import io.temporal.api.command.v1.Command;
import io.temporal.api.command.v1.StartTimerCommandAttributes;
import io.temporal.api.common.v1.WorkflowType;
import io.temporal.api.enums.v1.CommandType;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.TaskQueueKind;
import io.temporal.api.taskqueue.v1.StickyExecutionAttributes;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.PollWorkflowTaskQueueRequest;
import io.temporal.api.workflowservice.v1.PollWorkflowTaskQueueResponse;
import io.temporal.api.workflowservice.v1.RespondWorkflowTaskCompletedRequest;
import io.temporal.api.workflowservice.v1.StartWorkflowExecutionRequest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A worker that asked for stickiness gets the run's next workflow task on its sticky queue, with partial history. */
class StickyQueueTest extends GrpcServerTest {
    private PollWorkflowTaskQueueResponse poll(TaskQueue queue) {
        return stub.withDeadlineAfter(10, TimeUnit.SECONDS)
                .pollWorkflowTaskQueue(PollWorkflowTaskQueueRequest.newBuilder()
                        .setNamespace("default")
                        .setTaskQueue(queue)
                        .setIdentity("worker-1")
                        .build());
    }

    @Test
    void theNextTaskGoesToTheStickyQueueWithOnlyTheNewEvents() throws Exception {
        var normal = TaskQueue.newBuilder().setName("orders").build();
        var sticky = TaskQueue.newBuilder()
                .setName("worker-1:sticky")
                .setKind(TaskQueueKind.TASK_QUEUE_KIND_STICKY)
                .setNormalName("orders")
                .build();
        stub.startWorkflowExecution(StartWorkflowExecutionRequest.newBuilder()
                .setNamespace("default")
                .setWorkflowId("sticky-1")
                .setWorkflowType(WorkflowType.newBuilder().setName("W"))
                .setTaskQueue(normal)
                .setRequestId("r")
                .build());
        var first = poll(normal);
        var stickyPoll = CompletableFuture.supplyAsync(() -> poll(sticky));

        stub.respondWorkflowTaskCompleted(RespondWorkflowTaskCompletedRequest.newBuilder()
                .setNamespace("default")
                .setTaskToken(first.getTaskToken())
                .setIdentity("worker-1")
                .setStickyAttributes(StickyExecutionAttributes.newBuilder()
                        .setWorkerTaskQueue(sticky)
                        .setScheduleToStartTimeout(Durations.fromSeconds(5)))
                .addCommands(Command.newBuilder()
                        .setCommandType(CommandType.COMMAND_TYPE_START_TIMER)
                        .setStartTimerCommandAttributes(StartTimerCommandAttributes.newBuilder()
                                .setTimerId("t1")
                                .setStartToFireTimeout(Durations.fromMillis(200))))
                .build());
        var second = stickyPoll.get(10, TimeUnit.SECONDS);

        assertThat(first.getHistory().getEvents(0).getEventId()).isEqualTo(1);
        assertThat(second.getTaskToken().isEmpty()).isFalse();
        assertThat(second.getPreviousStartedEventId()).isEqualTo(3);
        assertThat(second.getHistory().getEventsList())
                .extracting(e -> e.getEventType())
                .containsExactly(
                        EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED,
                        EventType.EVENT_TYPE_TIMER_STARTED,
                        EventType.EVENT_TYPE_TIMER_FIRED,
                        EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED,
                        EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED);
        assertThat(second.getHistory().getEvents(0).getEventId()).isEqualTo(4);
    }
}
