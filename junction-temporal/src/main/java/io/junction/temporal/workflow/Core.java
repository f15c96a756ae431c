package io.junction.temporal.workflow;

import io.junction.temporal.matching.TaskQueue;
import io.junction.temporal.matching.TaskQueues;
import io.junction.temporal.matching.TaskQueues.TaskKind;
import io.junction.temporal.namespace.Namespaces;

/** What the engine's parts share: the runs, the task queues, the timers and the namespaces. */
final class Core {
    final Runs runs;
    final Timers timers;
    final Namespaces namespaces;
    final TaskQueues<Dispatch> queues = new TaskQueues<>();
    WorkflowTasks workflowTasks;
    Activities activities;
    Commands commands;
    Lifecycle lifecycle;
    Queries queries;

    Core(Runs runs, Timers timers, Namespaces namespaces) {
        this.runs = runs;
        this.timers = timers;
        this.namespaces = namespaces;
    }

    TaskQueue<Dispatch> workflowQueue(String namespace, String name) {
        return queues.get(namespace, name, TaskKind.WORKFLOW);
    }

    TaskQueue<Dispatch> activityQueue(String namespace, String name) {
        return queues.get(namespace, name, TaskKind.ACTIVITY);
    }

    /** A task waiting in a task queue: a reference checked against the run's state when a poll takes it. */
    sealed interface Dispatch {
        /** A workflow task; {@code sticky} when it went to the sticky queue of the worker that has the run cached. */
        record WorkflowTask(ExecutionKey run, long scheduledEventId, int attempt, boolean sticky) implements Dispatch {}

        record ActivityTask(ExecutionKey run, long scheduledEventId, int attempt) implements Dispatch {}

        record QueryTask(ExecutionKey run, String queryId) implements Dispatch {}
    }
}
