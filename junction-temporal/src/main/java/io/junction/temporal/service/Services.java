package io.junction.temporal.service;

import io.grpc.ServerBuilder;
import io.junction.temporal.workflow.WorkflowEngine;

/** Registers Junction's Temporal gRPC services on a server. */
public final class Services {
    private Services() {}

    public static void register(ServerBuilder<?> builder, WorkflowEngine engine) {
        builder.addService(new WorkflowServiceAdmin(engine));
        builder.addService(new OperatorService(engine));
    }
}
