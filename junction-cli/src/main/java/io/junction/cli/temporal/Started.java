package io.junction.cli.temporal;

/** A workflow execution this command started, as {@code start} and {@code execute} report it. */
record Started(String workflowId, String runId, String type, String namespace, String taskQueue) {
    static Started start(Session session, StartOptions options) {
        var request = options.request(session);
        var response = session.call(
                "failed starting workflow", () -> session.workflowService().startWorkflowExecution(request));
        return new Started(
                request.getWorkflowId(), response.getRunId(), options.type, session.namespace(), options.taskQueue);
    }

    void print(Session session) {
        if (session.json()) {
            var json = Payloads.JSON.createObjectNode();
            json.put("workflowId", workflowId)
                    .put("runId", runId)
                    .put("type", type)
                    .put("namespace", namespace)
                    .put("taskQueue", taskQueue);
            session.printJson(json);
            return;
        }
        session.heading("Running execution:");
        session.print(new Card()
                .add("WorkflowId", workflowId)
                .add("RunId", runId)
                .add("Type", type)
                .add("Namespace", namespace)
                .add("TaskQueue", taskQueue)
                .render());
    }
}
