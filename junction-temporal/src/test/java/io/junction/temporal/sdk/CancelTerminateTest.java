package io.junction.temporal.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.TimeoutType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TerminatedFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CancelTerminateTest {
    private final JunctionTemporal temporal = new JunctionTemporal();

    @AfterEach
    void close() {
        temporal.close();
    }

    @WorkflowInterface
    public interface SleepyWorkflow {
        @WorkflowMethod
        String sleep(int seconds);
    }

    public static class SleepyWorkflowImpl implements SleepyWorkflow {
        @Override
        public String sleep(int seconds) {
            try {
                Workflow.sleep(Duration.ofSeconds(seconds));
                return "woke";
            } catch (CanceledFailure e) {
                Workflow.newDetachedCancellationScope(() -> Workflow.sleep(Duration.ofMillis(10)))
                        .run();
                throw e;
            }
        }
    }

    @WorkflowInterface
    public interface HeartbeatWorkflow {
        @WorkflowMethod
        String run();
    }

    @ActivityInterface
    public interface SlowActivity {
        String work();
    }

    public static class HeartbeatWorkflowImpl implements HeartbeatWorkflow {
        private final SlowActivity activity = Workflow.newActivityStub(
                SlowActivity.class,
                ActivityOptions.newBuilder()
                        .setStartToCloseTimeout(Duration.ofSeconds(30))
                        .setHeartbeatTimeout(Duration.ofSeconds(1))
                        .setRetryOptions(
                                RetryOptions.newBuilder().setMaximumAttempts(1).build())
                        .build());

        @Override
        public String run() {
            return activity.work();
        }
    }

    static final class SilentActivity implements SlowActivity {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public String work() {
            calls.incrementAndGet();
            Activity.getExecutionContext().heartbeat("started");
            try {
                Thread.sleep(4000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "too late";
        }
    }

    private SleepyWorkflow sleepy(String queue, String id) {
        return temporal.client.newWorkflowStub(
                SleepyWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setTaskQueue(queue)
                        .setWorkflowId(id)
                        .build());
    }

    private String startWorker(Class<?> workflow, Object activities) {
        var queue = temporal.taskQueue();
        var worker = temporal.workers.newWorker(queue);
        worker.registerWorkflowImplementationTypes(workflow);
        if (activities != null) {
            worker.registerActivitiesImplementations(activities);
        }
        temporal.workers.start();
        return queue;
    }

    @Test
    void cancellingASleepingWorkflowEndsItCanceled() {
        var queue = startWorker(SleepyWorkflowImpl.class, null);
        var workflow = sleepy(queue, "sleepy-cancel");
        WorkflowClient.start(workflow::sleep, 60);
        var stub = WorkflowStubs.untyped(temporal, "sleepy-cancel");

        stub.cancel();

        assertThatThrownBy(() -> stub.getResult(String.class))
                .isInstanceOf(WorkflowFailedException.class)
                .cause()
                .isInstanceOf(CanceledFailure.class);
        assertThat(WorkflowStubs.status(temporal, "sleepy-cancel"))
                .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED);
    }

    @Test
    void terminatingAWorkflowEndsItAtOnce() {
        var queue = startWorker(SleepyWorkflowImpl.class, null);
        WorkflowClient.start(sleepy(queue, "sleepy-terminate")::sleep, 60);
        var stub = WorkflowStubs.untyped(temporal, "sleepy-terminate");

        stub.terminate("operator said so");

        assertThatThrownBy(() -> stub.getResult(String.class))
                .isInstanceOf(WorkflowFailedException.class)
                .cause()
                .isInstanceOf(TerminatedFailure.class);
        assertThat(WorkflowStubs.status(temporal, "sleepy-terminate"))
                .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED);
    }

    @Test
    void anActivityThatStopsHeartbeatingTimesOut() {
        var activity = new SilentActivity();
        var queue = startWorker(HeartbeatWorkflowImpl.class, activity);
        var workflow = temporal.client.newWorkflowStub(
                HeartbeatWorkflow.class,
                WorkflowOptions.newBuilder().setTaskQueue(queue).build());

        assertThatThrownBy(workflow::run)
                .isInstanceOf(WorkflowFailedException.class)
                .cause()
                .isInstanceOf(ActivityFailure.class)
                .cause()
                .isInstanceOfSatisfying(TimeoutFailure.class, timeout -> assertThat(timeout.getTimeoutType())
                        .isEqualTo(TimeoutType.TIMEOUT_TYPE_HEARTBEAT));
        assertThat(activity.calls).hasValue(1);
    }

    @Test
    void aRunningWorkflowIdCannotBeStartedTwiceAndRejectDuplicateRefusesReuse() {
        var queue = startWorker(SleepyWorkflowImpl.class, null);
        WorkflowClient.start(sleepy(queue, "unique")::sleep, 1);

        assertThatThrownBy(() -> WorkflowClient.start(sleepy(queue, "unique")::sleep, 1))
                .isInstanceOf(WorkflowExecutionAlreadyStarted.class);
        assertThat(WorkflowStubs.untyped(temporal, "unique").getResult(String.class))
                .isEqualTo("woke");
        var again = temporal.client.newWorkflowStub(
                SleepyWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setTaskQueue(queue)
                        .setWorkflowId("unique")
                        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                        .build());
        assertThatThrownBy(() -> WorkflowClient.start(again::sleep, 1))
                .isInstanceOf(WorkflowExecutionAlreadyStarted.class);
        assertThat(sleepy(queue, "unique").sleep(0)).isEqualTo("woke");
    }
}
