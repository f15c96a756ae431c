package io.junction.cli.temporal;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** The example workflow: runs until its {@code cancel} signal, reporting progress through {@code status}. */
@WorkflowInterface
public interface OrderWorkflow {
    @WorkflowMethod
    String process(String orderId);

    @QueryMethod
    String status();

    @SignalMethod
    void cancel(String reason);
}
