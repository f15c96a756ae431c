package io.junction.temporal.workflow;

/** Names one workflow run. */
record ExecutionKey(String namespace, String workflowId, String runId) {}
