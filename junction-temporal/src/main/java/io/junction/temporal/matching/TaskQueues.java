package io.junction.temporal.matching;

import java.util.concurrent.ConcurrentHashMap;

/** Every task queue by namespace, name and kind; queues come into being on first use, as in Temporal. */
public final class TaskQueues<T> {
    private final ConcurrentHashMap<Key, TaskQueue<T>> queues = new ConcurrentHashMap<>();

    public TaskQueue<T> get(String namespace, String name, TaskKind kind) {
        return queues.computeIfAbsent(new Key(namespace, name, kind), k -> new TaskQueue<>());
    }

    /** The kinds of task a queue holds; a workflow and an activity queue may share a name. */
    public enum TaskKind {
        WORKFLOW,
        ACTIVITY
    }

    private record Key(String namespace, String name, TaskKind kind) {}
}
