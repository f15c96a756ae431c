package io.junction.temporal.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.junction.temporal.TemporalServer;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.common.v1.WorkflowType;
import io.temporal.api.errordetails.v1.NamespaceNotFoundFailure;
import io.temporal.api.errordetails.v1.WorkflowExecutionAlreadyStartedFailure;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.api.workflowservice.v1.RespondActivityTaskCompletedRequest;
import io.temporal.api.workflowservice.v1.StartWorkflowExecutionRequest;
import java.nio.file.Files;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Bad requests over real gRPC get Temporal's status codes, messages and typed details, and change nothing. */
class BadInputTest extends GrpcServerTest {
    private static StartWorkflowExecutionRequest.Builder start(String workflowId) {
        return StartWorkflowExecutionRequest.newBuilder()
                .setNamespace("default")
                .setWorkflowId(workflowId)
                .setWorkflowType(WorkflowType.newBuilder().setName("OrderWorkflow"))
                .setTaskQueue(TaskQueue.newBuilder().setName("orders"))
                .setRequestId(UUID.randomUUID().toString());
    }

    @Test
    void unknownNamespaceIsNotFoundWithItsTypedDetail() {
        var error = catchStatus(() -> stub.describeNamespace(
                DescribeNamespaceRequest.newBuilder().setNamespace("nope").build()));

        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(error.getStatus().getDescription()).isEqualTo("Namespace nope is not found.");
        assertThat(detail(error).is(NamespaceNotFoundFailure.class)).isTrue();
        var start = catchStatus(() ->
                stub.startWorkflowExecution(start("w").setNamespace("nope").build()));
        assertThat(start.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    }

    @Test
    void missingFieldsAreInvalidArguments() {
        var noId = catchStatus(() -> stub.startWorkflowExecution(start("").build()));
        assertThat(noId.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(noId.getStatus().getDescription()).isEqualTo("WorkflowId is not set on request.");

        var longId = catchStatus(
                () -> stub.startWorkflowExecution(start("x".repeat(1001)).build()));
        assertThat(longId.getStatus().getDescription())
                .isEqualTo("WorkflowId exceeds maximum allowed length (1001/1000)");

        var negative = catchStatus(() -> stub.startWorkflowExecution(start("w")
                .setWorkflowRunTimeout(com.google.protobuf.Duration.newBuilder().setSeconds(-1))
                .build()));
        assertThat(negative.getStatus().getDescription())
                .isEqualTo("An invalid WorkflowRunTimeoutSeconds is set on request.");
    }

    @Test
    void anOversizedPayloadIsRefusedAndNothingStarts() {
        var big = Payloads.newBuilder()
                .addPayloads(Payload.newBuilder().setData(ByteString.copyFrom(new byte[3 * 1024 * 1024])))
                .build();

        var error = catchStatus(
                () -> stub.startWorkflowExecution(start("big").setInput(big).build()));

        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(error.getStatus().getDescription()).isEqualTo("Blob data size exceeds limit.");
        var describe = catchStatus(() -> stub.describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace("default")
                .setExecution(WorkflowExecution.newBuilder().setWorkflowId("big"))
                .build()));
        assertThat(describe.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    }

    @Test
    void aGarbageTaskTokenIsAnInvalidArgument() {
        var error = catchStatus(() -> stub.respondActivityTaskCompleted(RespondActivityTaskCompletedRequest.newBuilder()
                .setNamespace("default")
                .setTaskToken(ByteString.copyFromUtf8("not a token"))
                .build()));

        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(error.getStatus().getDescription()).isEqualTo("Invalid TaskToken.");
    }

    @Test
    void aSecondStartOfARunningIdIsAlreadyExistsWithTheRunningRunId() {
        var first = stub.startWorkflowExecution(start("dup").build());

        var error = catchStatus(() -> stub.startWorkflowExecution(start("dup").build()));

        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
        var detail = detail(error);
        assertThat(detail.is(WorkflowExecutionAlreadyStartedFailure.class)).isTrue();
        assertThat(unpack(detail).getRunId()).isEqualTo(first.getRunId());
        var retried =
                stub.startWorkflowExecution(start("dedup").setRequestId("same").build());
        var again =
                stub.startWorkflowExecution(start("dedup").setRequestId("same").build());
        assertThat(again.getRunId()).isEqualTo(retried.getRunId());
        assertThat(again.getStarted()).isFalse();
    }

    @Test
    void aRunWhoseHistoryOutgrowsTheSizeLimitIsTerminated() {
        var run = stub.startWorkflowExecution(start("hoarder").build());
        var signal = Payloads.newBuilder()
                .addPayloads(Payload.newBuilder().setData(ByteString.copyFrom(new byte[2_000_000])))
                .build();

        var sent = 0;
        while (sent < 40) {
            try {
                stub.signalWorkflowExecution(
                        io.temporal.api.workflowservice.v1.SignalWorkflowExecutionRequest.newBuilder()
                                .setNamespace("default")
                                .setWorkflowExecution(
                                        WorkflowExecution.newBuilder().setWorkflowId("hoarder"))
                                .setSignalName("load")
                                .setInput(signal)
                                .build());
                sent++;
            } catch (StatusRuntimeException e) {
                assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
                break;
            }
        }

        assertThat(sent).isBetween(25, 27);
        var info = stub.describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder()
                        .setNamespace("default")
                        .setExecution(WorkflowExecution.newBuilder()
                                .setWorkflowId("hoarder")
                                .setRunId(run.getRunId()))
                        .build())
                .getWorkflowExecutionInfo();
        assertThat(info.getStatus())
                .isEqualTo(io.temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED);
    }

    @Test
    void systemInfoIsTruthfulAboutCapabilities() {
        var info = stub.getSystemInfo(GetSystemInfoRequest.getDefaultInstance());

        assertThat(info.getCapabilities().getSdkMetadata()).isTrue();
        assertThat(info.getCapabilities().getSupportsSchedules()).isFalse();
        assertThat(info.getCapabilities().getEagerWorkflowStart()).isFalse();
    }

    @Test
    void aCorruptDatabaseFileIsReportedNotServed() throws Exception {
        var corrupt = directory.resolve("corrupt.db");
        Files.write(
                corrupt, "this is not an SQLite database, just text".repeat(200).getBytes());

        assertThatThrownBy(() -> TemporalServer.start("127.0.0.1", 0, "jdbc:sqlite:" + corrupt))
                .hasMessageContaining("cannot open the workflow database");
    }

    private static WorkflowExecutionAlreadyStartedFailure unpack(com.google.protobuf.Any any) {
        try {
            return any.unpack(WorkflowExecutionAlreadyStartedFailure.class);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    private static com.google.protobuf.Any detail(StatusRuntimeException error) {
        var status = StatusProto.fromThrowable(error);
        assertThat(status).isNotNull();
        assertThat(status.getDetailsList()).hasSize(1);
        return status.getDetails(0);
    }

    private static StatusRuntimeException catchStatus(Runnable call) {
        try {
            call.run();
        } catch (StatusRuntimeException e) {
            return e;
        }
        throw new AssertionError("expected the call to fail");
    }
}
