package io.junction.cli.temporal;

import io.temporal.workflow.Workflow;

public final class OrderWorkflowImpl implements OrderWorkflow {
    private String status = "received";
    private String cancelReason;

    @Override
    public String process(String orderId) {
        status = "processing " + orderId;
        Workflow.await(() -> cancelReason != null);
        status = "cancelled";
        return "order " + orderId + " cancelled: " + cancelReason;
    }

    @Override
    public String status() {
        return status;
    }

    @Override
    public void cancel(String reason) {
        cancelReason = reason;
    }
}
