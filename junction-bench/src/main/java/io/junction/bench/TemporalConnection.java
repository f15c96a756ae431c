package io.junction.bench;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;

/**
 * The Temporal Java SDK connected to one server over gRPC, as an application would be: a client that starts
 * workflows and a worker with default options that runs {@link EchoWorkflow} and its activity. Both servers get
 * the same client and worker settings.
 */
final class TemporalConnection implements AutoCloseable {
    static final String NAMESPACE = "default";
    static final String TASK_QUEUE = "bench";

    private final WorkflowServiceStubs service;
    private final WorkflowClient client;
    private final WorkerFactory workers;

    private TemporalConnection(WorkflowServiceStubs service, WorkflowClient client, WorkerFactory workers) {
        this.service = service;
        this.client = client;
        this.workers = workers;
    }

    /** Connects to the server on {@code port} and starts polling its task queue. */
    static TemporalConnection open(int port) {
        var service = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                .setTarget(ServerProcess.HOST + ":" + port)
                .build());
        var client = WorkflowClient.newInstance(
                service,
                WorkflowClientOptions.newBuilder().setNamespace(NAMESPACE).build());
        var workers = WorkerFactory.newInstance(client);
        var worker = workers.newWorker(TASK_QUEUE);
        worker.registerWorkflowImplementationTypes(EchoWorkflow.Implementation.class);
        worker.registerActivitiesImplementations(new EchoWorkflow.Activity());
        workers.start();

        return new TemporalConnection(service, client, workers);
    }

    /** A stub for a new run of {@link EchoWorkflow} with the given workflow id, not yet started. */
    WorkflowStub newWorkflow(String workflowId) {
        return client.newUntypedWorkflowStub(
                EchoWorkflow.TYPE,
                WorkflowOptions.newBuilder()
                        .setTaskQueue(TASK_QUEUE)
                        .setWorkflowId(workflowId)
                        .build());
    }

    @Override
    public void close() {
        workers.shutdownNow();
        service.shutdownNow();
    }
}
