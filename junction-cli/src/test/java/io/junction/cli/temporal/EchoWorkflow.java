package io.junction.cli.temporal;

import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** Completes at once with its arguments joined, or fails when the first is {@code "fail"}. */
@WorkflowInterface
public interface EchoWorkflow {
    @WorkflowMethod
    String echo(String text, int times);

    final class Impl implements EchoWorkflow {
        @Override
        public String echo(String text, int times) {
            if (text.equals("fail")) {
                throw ApplicationFailure.newNonRetryableFailure("boom", "EchoFailure");
            }
            return text.repeat(Math.max(times, 1));
        }
    }
}
