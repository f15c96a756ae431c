package io.junction.bench;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;

/**
 * The benchmark's workflow: it runs one activity that echoes its input and returns the activity's result. A run
 * takes two workflow tasks and one activity task, the smallest workflow that exercises matching, the history and
 * the store on both kinds of task.
 */
@WorkflowInterface
public interface EchoWorkflow {
    /** The workflow type that the client starts, the SDK's default name for this interface. */
    String TYPE = "EchoWorkflow";

    @WorkflowMethod
    String run(String input);

    /** The activity the workflow schedules. */
    @ActivityInterface
    interface Echo {
        String echo(String input);
    }

    /** The workflow's implementation, registered with each worker; the SDK makes one for every run. */
    final class Implementation implements EchoWorkflow {
        private final Echo activity = Workflow.newActivityStub(
                Echo.class,
                ActivityOptions.newBuilder()
                        .setStartToCloseTimeout(Duration.ofSeconds(30))
                        .build());

        @Override
        public String run(String input) {
            return activity.echo(input);
        }
    }

    /** The activity's implementation, one shared by all of a worker's activity threads. */
    final class Activity implements Echo {
        @Override
        public String echo(String input) {
            return input;
        }
    }
}
