package io.junction.temporal.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.ActivityCompletionClient;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MoreFeaturesTest {
    /** The task token of the latest manual activity; each test's own run sets it. */
    private static volatile CompletableFuture<byte[]> manualToken = new CompletableFuture<>();

    private final JunctionTemporal temporal = new JunctionTemporal();

    MoreFeaturesTest() {
        manualToken = new CompletableFuture<>();
    }

    @AfterEach
    void close() {
        temporal.close();
    }

    @WorkflowInterface
    public interface Mailbox {
        @WorkflowMethod
        String collect(int count);

        @SignalMethod
        void post(String message);
    }

    public static class MailboxImpl implements Mailbox {
        private final StringBuilder messages = new StringBuilder();
        private int received;

        @Override
        public String collect(int count) {
            Workflow.await(() -> received >= count);
            return messages.toString();
        }

        @Override
        public void post(String message) {
            messages.append(message);
            received++;
        }
    }

    @WorkflowInterface
    public interface Flaky {
        @WorkflowMethod
        int run();
    }

    public static class FlakyImpl implements Flaky {
        @Override
        public int run() {
            var attempt = Workflow.getInfo().getAttempt();
            if (attempt < 3) {
                throw ApplicationFailure.newFailure("not yet", "NotYet");
            }
            return attempt;
        }
    }

    @WorkflowInterface
    public interface Sender {
        @WorkflowMethod
        void send(String targetId, String message);
    }

    public static class SenderImpl implements Sender {
        @Override
        public void send(String targetId, String message) {
            var target = Workflow.newExternalWorkflowStub(Mailbox.class, targetId);
            target.post(message);
            var local = Workflow.newLocalActivityStub(
                    Tools.class,
                    LocalActivityOptions.newBuilder()
                            .setStartToCloseTimeout(Duration.ofSeconds(5))
                            .build());
            var echoed = local.echo(Workflow.sideEffect(String.class, () -> "side"));
            target.post(echoed);
        }
    }

    @ActivityInterface
    public interface Tools {
        String echo(String value);

        String waitForCancel();

        String manual();
    }

    public static class ToolsImpl implements Tools {
        @Override
        public String echo(String value) {
            return value + "!";
        }

        @Override
        public String waitForCancel() {
            for (var i = 0; i < 100; i++) {
                Activity.getExecutionContext().heartbeat(i);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return "never canceled";
        }

        @Override
        public String manual() {
            var context = Activity.getExecutionContext();
            manualToken.complete(context.getTaskToken());
            context.doNotCompleteOnReturn();
            return null;
        }
    }

    @WorkflowInterface
    public interface Canceller {
        @WorkflowMethod
        String run();
    }

    public static class CancellerImpl implements Canceller {
        @Override
        public String run() {
            var tools = Workflow.newActivityStub(
                    Tools.class,
                    ActivityOptions.newBuilder()
                            .setStartToCloseTimeout(Duration.ofSeconds(30))
                            .setHeartbeatTimeout(Duration.ofSeconds(5))
                            .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
                            .build());
            var scope = Workflow.newCancellationScope(() -> tools.waitForCancel());
            scope.run();
            return "unreachable";
        }
    }

    @WorkflowInterface
    public interface Manual {
        @WorkflowMethod
        String run();
    }

    public static class ManualImpl implements Manual {
        @Override
        public String run() {
            return Workflow.newActivityStub(
                            Tools.class,
                            ActivityOptions.newBuilder()
                                    .setStartToCloseTimeout(Duration.ofSeconds(30))
                                    .build())
                    .manual();
        }
    }

    private String worker(Class<?>... workflows) {
        var queue = temporal.taskQueue();
        var worker = temporal.workers.newWorker(queue);
        worker.registerWorkflowImplementationTypes(workflows);
        worker.registerActivitiesImplementations(new ToolsImpl());
        temporal.workers.start();
        return queue;
    }

    @Test
    void signalWithStartStartsOnceAndDeliversEverySignal() {
        var queue = worker(MailboxImpl.class);
        var options = WorkflowOptions.newBuilder()
                .setTaskQueue(queue)
                .setWorkflowId("mailbox")
                .build();

        for (var message : new String[] {"a", "b", "c"}) {
            var stub = temporal.client.newWorkflowStub(Mailbox.class, options);
            var batch = temporal.client.newSignalWithStartRequest();
            batch.add(stub::collect, 3);
            batch.add(stub::post, message);
            temporal.client.signalWithStart(batch);
        }

        assertThat(temporal.client.newUntypedWorkflowStub("mailbox").getResult(String.class))
                .isEqualTo("abc");
        assertThat(temporal.client.fetchHistory("mailbox").getEvents().stream()
                        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED))
                .hasSize(1);
    }

    @Test
    void aWorkflowWithARetryPolicyRunsAgainUntilItSucceeds() {
        var queue = worker(FlakyImpl.class);
        var flaky = temporal.client.newWorkflowStub(
                Flaky.class,
                WorkflowOptions.newBuilder()
                        .setTaskQueue(queue)
                        .setWorkflowId("flaky")
                        .setRetryOptions(RetryOptions.newBuilder()
                                .setInitialInterval(Duration.ofMillis(100))
                                .setMaximumAttempts(5)
                                .build())
                        .build());

        assertThat(flaky.run()).isEqualTo(3);
    }

    @Test
    void aStartDelayHoldsTheFirstWorkflowTaskBack() {
        var queue = worker(FlakyImpl.class);
        var started = System.nanoTime();
        var delayed = temporal.client.newWorkflowStub(
                Flaky.class,
                WorkflowOptions.newBuilder()
                        .setTaskQueue(queue)
                        .setStartDelay(Duration.ofMillis(1500))
                        .setRetryOptions(RetryOptions.newBuilder()
                                .setInitialInterval(Duration.ofMillis(10))
                                .build())
                        .build());

        assertThat(delayed.run()).isEqualTo(3);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofMillis(1400));
    }

    @Test
    void aRunTimeoutEndsAWorkflowThatWaitsTooLong() {
        var queue = worker(MailboxImpl.class);
        var waiting = temporal.client.newWorkflowStub(
                Mailbox.class,
                WorkflowOptions.newBuilder()
                        .setTaskQueue(queue)
                        .setWorkflowId("impatient")
                        .setWorkflowRunTimeout(Duration.ofSeconds(1))
                        .build());

        assertThatThrownBy(() -> waiting.collect(1))
                .isInstanceOf(WorkflowFailedException.class)
                .cause()
                .isInstanceOf(TimeoutFailure.class);
        assertThat(WorkflowStubs.status(temporal, "impatient"))
                .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TIMED_OUT);
    }

    @Test
    void oneWorkflowSignalsAnotherAndUsesLocalActivitiesAndSideEffects() {
        var queue = worker(MailboxImpl.class, SenderImpl.class);
        var mailbox = temporal.client.newWorkflowStub(
                Mailbox.class,
                WorkflowOptions.newBuilder()
                        .setTaskQueue(queue)
                        .setWorkflowId("inbox")
                        .build());
        WorkflowClient.start(mailbox::collect, 2);

        temporal.client
                .newWorkflowStub(
                        Sender.class,
                        WorkflowOptions.newBuilder().setTaskQueue(queue).build())
                .send("inbox", "hi ");

        assertThat(temporal.client.newUntypedWorkflowStub("inbox").getResult(String.class))
                .isEqualTo("hi side!");
    }

    @Test
    void cancellingAWorkflowCancelsItsHeartbeatingActivity() {
        var queue = worker(CancellerImpl.class);
        var workflow = temporal.client.newWorkflowStub(
                Canceller.class,
                WorkflowOptions.newBuilder()
                        .setTaskQueue(queue)
                        .setWorkflowId("cancel-me")
                        .build());
        WorkflowClient.start(workflow::run);
        await().until(() -> temporal.client.fetchHistory("cancel-me").getEvents().stream()
                .anyMatch(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED));

        temporal.client.newUntypedWorkflowStub("cancel-me").cancel();

        assertThatThrownBy(() ->
                        temporal.client.newUntypedWorkflowStub("cancel-me").getResult(String.class))
                .isInstanceOf(WorkflowFailedException.class);
        var types = temporal.client.fetchHistory("cancel-me").getEvents().stream()
                .map(e -> e.getEventType())
                .toList();
        assertThat(types)
                .contains(
                        EventType.EVENT_TYPE_ACTIVITY_TASK_CANCEL_REQUESTED,
                        EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED);
    }

    @Test
    void anActivityCompletedByItsWorkflowAndActivityIdDeliversItsResult() {
        var queue = worker(ManualImpl.class);
        var workflow = temporal.client.newWorkflowStub(
                Manual.class,
                WorkflowOptions.newBuilder()
                        .setTaskQueue(queue)
                        .setWorkflowId("by-id")
                        .build());
        WorkflowClient.start(workflow::run);
        var activityId = await().until(
                        () -> temporal
                                .service
                                .blockingStub()
                                .describeWorkflowExecution(
                                        io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest.newBuilder()
                                                .setNamespace("default")
                                                .setExecution(io.temporal.api.common.v1.WorkflowExecution.newBuilder()
                                                        .setWorkflowId("by-id"))
                                                .build())
                                .getPendingActivitiesList()
                                .stream()
                                .filter(a -> a.getState()
                                        == io.temporal.api.enums.v1.PendingActivityState.PENDING_ACTIVITY_STATE_STARTED)
                                .map(a -> a.getActivityId())
                                .findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();

        temporal.client
                .newActivityCompletionClient()
                .complete("by-id", java.util.Optional.empty(), activityId, "by id");

        assertThat(temporal.client.newUntypedWorkflowStub("by-id").getResult(String.class))
                .isEqualTo("by id");
    }

    @Test
    void anActivityCompletedAsynchronouslyByItsTokenDeliversItsResult() throws Exception {
        var queue = worker(ManualImpl.class);
        var workflow = temporal.client.newWorkflowStub(
                Manual.class,
                WorkflowOptions.newBuilder()
                        .setTaskQueue(queue)
                        .setWorkflowId("manual")
                        .build());
        WorkflowClient.start(workflow::run);
        var token = manualToken.get(20, java.util.concurrent.TimeUnit.SECONDS);
        ActivityCompletionClient completions = temporal.client.newActivityCompletionClient();

        completions.complete(token, "done by hand");

        assertThat(temporal.client.newUntypedWorkflowStub("manual").getResult(String.class))
                .isEqualTo("done by hand");
    }
}
