package io.junction.temporal.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.Duration;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.junction.temporal.TemporalServer;
import io.temporal.api.command.v1.Command;
import io.temporal.api.command.v1.CompleteWorkflowExecutionCommandAttributes;
import io.temporal.api.command.v1.StartTimerCommandAttributes;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.common.v1.WorkflowType;
import io.temporal.api.enums.v1.CommandType;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.query.v1.WorkflowQuery;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryReverseRequest;
import io.temporal.api.workflowservice.v1.PollWorkflowTaskQueueRequest;
import io.temporal.api.workflowservice.v1.PollWorkflowTaskQueueResponse;
import io.temporal.api.workflowservice.v1.QueryWorkflowRequest;
import io.temporal.api.workflowservice.v1.RespondWorkflowTaskCompletedRequest;
import io.temporal.api.workflowservice.v1.StartWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input Junction answers differently from Temporal: found by the breaker, each a defect until fixed. */
class BreakerBadInputTest {
    @TempDir
    Path directory;

    private TemporalServer server;
    private ManagedChannel channel;
    private WorkflowServiceGrpc.WorkflowServiceBlockingStub stub;

    @BeforeEach
    void start() throws Exception {
        server = TemporalServer.start("127.0.0.1", 0, "jdbc:sqlite:" + directory.resolve("t.db"));
        channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port())
                .usePlaintext()
                .maxInboundMessageSize(64 * 1024 * 1024)
                .build();
        stub = WorkflowServiceGrpc.newBlockingStub(channel);
    }

    @AfterEach
    void stop() {
        channel.shutdownNow();
        server.close();
    }

    static StartWorkflowExecutionRequest.Builder start(String workflowId, String queue) {
        return StartWorkflowExecutionRequest.newBuilder()
                .setNamespace("default")
                .setWorkflowId(workflowId)
                .setWorkflowType(WorkflowType.newBuilder().setName("BreakerWorkflow"))
                .setTaskQueue(TaskQueue.newBuilder().setName(queue))
                .setRequestId(UUID.randomUUID().toString());
    }

    private PollWorkflowTaskQueueResponse poll(String queue) {
        var task = stub.withDeadlineAfter(10, TimeUnit.SECONDS)
                .pollWorkflowTaskQueue(PollWorkflowTaskQueueRequest.newBuilder()
                        .setNamespace("default")
                        .setTaskQueue(TaskQueue.newBuilder().setName(queue))
                        .setIdentity("breaker")
                        .build());
        assertThat(task.getTaskToken().isEmpty()).as("a workflow task arrives").isFalse();
        return task;
    }

    private void complete(PollWorkflowTaskQueueResponse task, List<Command> commands) {
        stub.respondWorkflowTaskCompleted(RespondWorkflowTaskCompletedRequest.newBuilder()
                .setNamespace("default")
                .setTaskToken(task.getTaskToken())
                .setIdentity("breaker")
                .addAllCommands(commands)
                .build());
    }

    private List<HistoryEvent> history(String workflowId) {
        return stub.getWorkflowExecutionHistory(GetWorkflowExecutionHistoryRequest.newBuilder()
                        .setNamespace("default")
                        .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                        .build())
                .getHistory()
                .getEventsList();
    }

    private WorkflowExecutionStatus status(String workflowId) {
        return stub.describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder()
                        .setNamespace("default")
                        .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                        .build())
                .getWorkflowExecutionInfo()
                .getStatus();
    }

    // An out-of-range protobuf Duration (nanos of the wrong sign) is bad input. Temporal validates it
    // (timestamp.ValidateAndCapProtoDuration) and answers INVALID_ARGUMENT "An invalid WorkflowRunTimeoutSeconds is
    // set on request."; Junction's Durations.toMillis throws IllegalArgumentException and the RPC fails INTERNAL.
    @Test
    void anInvalidDurationIsAnInvalidArgumentNotAnInternalError() {
        var error = catchStatus(() -> stub.startWorkflowExecution(start("bad-duration", "q")
                .setWorkflowRunTimeout(
                        Duration.newBuilder().setSeconds(5).setNanos(-1).build())
                .build()));

        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(error.getStatus().getDescription()).startsWith("An invalid WorkflowRunTimeoutSeconds");
    }

    // Temporal's backoff.ValidateSchedule answers every unparsable cron with INVALID_ARGUMENT "invalid CronSchedule.".
    @Test
    void anInvalidCronScheduleGetsTemporalsMessage() {
        var error = catchStatus(() -> stub.startWorkflowExecution(
                start("bad-cron", "q").setCronSchedule("not a cron").build()));

        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(error.getStatus().getDescription()).isEqualTo("invalid CronSchedule.");
    }

    // An @every whose duration overflows java.time.Duration throws ArithmeticException, which CronSchedules.validate
    // does not catch: the start fails INTERNAL instead of INVALID_ARGUMENT.
    @Test
    void anOverflowingEveryScheduleIsAnInvalidArgumentNotAnInternalError() {
        var error = catchStatus(() -> stub.startWorkflowExecution(start("every-overflow", "q")
                .setCronSchedule("@every 9999999999999999h")
                .build()));

        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    }

    // A forged 8-byte history page token naming event 0 makes Histories call subList(-1, ..): INTERNAL. Temporal
    // refuses a page token it cannot use with INVALID_ARGUMENT.
    @Test
    void aBogusHistoryPageTokenIsAnInvalidArgumentNotAnInternalError() {
        stub.startWorkflowExecution(start("paged", "q").build());

        var zero = catchStatus(() -> stub.getWorkflowExecutionHistory(GetWorkflowExecutionHistoryRequest.newBuilder()
                .setNamespace("default")
                .setExecution(WorkflowExecution.newBuilder().setWorkflowId("paged"))
                .setNextPageToken(
                        ByteString.copyFrom(ByteBuffer.allocate(8).putLong(0).array()))
                .build()));
        assertThat(zero.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);

        var reverse = catchStatus(
                () -> stub.getWorkflowExecutionHistoryReverse(GetWorkflowExecutionHistoryReverseRequest.newBuilder()
                        .setNamespace("default")
                        .setExecution(WorkflowExecution.newBuilder().setWorkflowId("paged"))
                        .setNextPageToken(ByteString.copyFrom(
                                ByteBuffer.allocate(8).putLong(1_000).array()))
                        .build()));
        assertThat(reverse.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    }

    // Temporal checks every command's payloads against the 2 MiB blob limit; a CompleteWorkflowExecution whose result
    // exceeds it terminates the run ("CompleteWorkflowExecutionCommandAttributes.Result exceeds size limit.",
    // workflow_task_completed_handler.go). Junction accepts the 3 MB result and completes the run with it.
    @Test
    void aCompletionResultOverTheBlobLimitTerminatesTheRun() {
        stub.startWorkflowExecution(start("fat-result", "fat").build());
        var task = poll("fat");
        var big = Payloads.newBuilder()
                .addPayloads(Payload.newBuilder().setData(ByteString.copyFrom(new byte[3 * 1024 * 1024])))
                .build();

        try {
            complete(
                    task,
                    List.of(Command.newBuilder()
                            .setCommandType(CommandType.COMMAND_TYPE_COMPLETE_WORKFLOW_EXECUTION)
                            .setCompleteWorkflowExecutionCommandAttributes(
                                    CompleteWorkflowExecutionCommandAttributes.newBuilder()
                                            .setResult(big))
                            .build()));
        } catch (StatusRuntimeException e) {
            // Either way the run must not complete with the oversized result.
        }

        assertThat(status("fat-result")).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED);
        var last = history("fat-result").getLast();
        assertThat(last.getEventType()).isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED);
        assertThat(last.getWorkflowExecutionTerminatedEventAttributes().getReason())
                .isEqualTo("CompleteWorkflowExecutionCommandAttributes.Result exceeds size limit.");
    }

    // A StartTimer whose duration is an invalid protobuf Duration makes RespondWorkflowTaskCompleted fail INTERNAL
    // (IllegalArgumentException from Durations.toMillis); Temporal fails the workflow task with
    // BAD_START_TIMER_ATTRIBUTES and the RPC itself succeeds.
    @Test
    void anInvalidTimerDurationFailsTheWorkflowTaskNotTheRpc() {
        stub.startWorkflowExecution(start("bad-timer", "timers").build());
        var task = poll("timers");

        complete(
                task,
                List.of(Command.newBuilder()
                        .setCommandType(CommandType.COMMAND_TYPE_START_TIMER)
                        .setStartTimerCommandAttributes(StartTimerCommandAttributes.newBuilder()
                                .setTimerId("t")
                                .setStartToFireTimeout(Duration.newBuilder()
                                        .setSeconds(1)
                                        .setNanos(-5)
                                        .build()))
                        .build()));

        assertThat(history("bad-timer"))
                .extracting(HistoryEvent::getEventType)
                .contains(EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED);
    }

    // Temporal answers a command after a close command with INVALID_ARGUMENT "invalid command sequence: [...],
    // command COMMAND_TYPE_COMPLETE_WORKFLOW_EXECUTION must be the last command." (ValidateCommandSequence), and
    // writes nothing; Junction fails the workflow task with UNHANDLED_COMMAND instead.
    @Test
    void aCommandAfterACloseCommandIsAnInvalidArgument() {
        stub.startWorkflowExecution(start("after-close", "seq").build());
        var task = poll("seq");

        var error = catchStatus(() -> complete(
                task,
                List.of(
                        Command.newBuilder()
                                .setCommandType(CommandType.COMMAND_TYPE_COMPLETE_WORKFLOW_EXECUTION)
                                .setCompleteWorkflowExecutionCommandAttributes(
                                        CompleteWorkflowExecutionCommandAttributes.getDefaultInstance())
                                .build(),
                        Command.newBuilder()
                                .setCommandType(CommandType.COMMAND_TYPE_START_TIMER)
                                .setStartTimerCommandAttributes(StartTimerCommandAttributes.newBuilder()
                                        .setTimerId("late")
                                        .setStartToFireTimeout(
                                                Duration.newBuilder().setSeconds(1)))
                                .build())));

        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(error.getStatus().getDescription()).contains("must be the last command");
    }

    // Temporal measures id lengths in UTF-8 bytes (Go's len); 600 'é' are 1200 bytes, over the 1000 limit:
    // "WorkflowId exceeds maximum allowed length (1200/1000)". Junction counts UTF-16 units and accepts it.
    @Test
    void workflowIdLengthIsMeasuredInUtf8BytesAsTemporalDoes() {
        var id = "é".repeat(600);

        var error = catchStatus(() -> stub.startWorkflowExecution(start(id, "q").build()));

        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(error.getStatus().getDescription())
                .isEqualTo("WorkflowId exceeds maximum allowed length (1200/1000)");
    }

    // Holds: a query to a run no worker serves ends at the caller's deadline, not after the 60 s long poll.
    @Test
    void aQueryWithNoWorkerEndsAtTheCallersDeadline() {
        stub.startWorkflowExecution(start("unqueried", "nobody").build());

        var began = System.nanoTime();
        var error = catchStatus(() -> stub.withDeadlineAfter(2, TimeUnit.SECONDS)
                .queryWorkflow(QueryWorkflowRequest.newBuilder()
                        .setNamespace("default")
                        .setExecution(WorkflowExecution.newBuilder().setWorkflowId("unqueried"))
                        .setQuery(WorkflowQuery.newBuilder().setQueryType("state"))
                        .build()));

        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began)).isLessThan(3_000);
    }

    // Holds: a second completion of the same workflow task, and a completion after terminate, are NOT_FOUND and
    // add nothing to the history; a signal to the closed run is NOT_FOUND.
    @Test
    void staleCompletionsAndSignalsToClosedRunsAreNotFound() {
        stub.startWorkflowExecution(start("stale", "stale").build());
        var task = poll("stale");
        var timer = Command.newBuilder()
                .setCommandType(CommandType.COMMAND_TYPE_START_TIMER)
                .setStartTimerCommandAttributes(StartTimerCommandAttributes.newBuilder()
                        .setTimerId("t")
                        .setStartToFireTimeout(Duration.newBuilder().setSeconds(60)))
                .build();
        complete(task, List.of(timer));
        var size = history("stale").size();

        var twice = catchStatus(() -> complete(task, List.of(timer)));
        assertThat(twice.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        stub.terminateWorkflowExecution(
                io.temporal.api.workflowservice.v1.TerminateWorkflowExecutionRequest.newBuilder()
                        .setNamespace("default")
                        .setWorkflowExecution(WorkflowExecution.newBuilder().setWorkflowId("stale"))
                        .build());
        var late = catchStatus(() -> complete(task, List.of(timer)));
        assertThat(late.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        var signal = catchStatus(() -> stub.signalWorkflowExecution(
                io.temporal.api.workflowservice.v1.SignalWorkflowExecutionRequest.newBuilder()
                        .setNamespace("default")
                        .setWorkflowExecution(WorkflowExecution.newBuilder().setWorkflowId("stale"))
                        .setSignalName("s")
                        .build()));
        assertThat(signal.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(history("stale")).hasSize(size + 1);
    }

    static StatusRuntimeException catchStatus(Runnable call) {
        try {
            call.run();
        } catch (StatusRuntimeException e) {
            return e;
        }
        throw new AssertionError("expected the call to fail");
    }
}
