package io.junction.temporal.workflow;

import io.temporal.api.query.v1.WorkflowQuery;
import io.temporal.api.query.v1.WorkflowQueryResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The queries a run holds back while it has a workflow task in flight, as Temporal's query registry does for
 * consistent queries. Every workflow task a worker starts carries all of them in its poll response's
 * {@code queries} map, those carried by an earlier task that failed or timed out included; the worker answers them
 * in {@code query_results} of RespondWorkflowTaskCompleted. When a commit leaves the run with no workflow task, the
 * ones left are unblocked and go to a worker as query tasks.
 *
 * <p>Kept in memory only, beside the run, never in its stored state: a query changes nothing. Guarded by its own
 * monitor, so callers may or may not hold the run's lock.
 */
final class QueryBuffer {
    private final Map<String, Waiting> buffered = new LinkedHashMap<>();

    /** How a buffered query left the buffer. */
    sealed interface Outcome {
        /** A worker answered it on a workflow task (ANSWERED or FAILED). */
        record Answered(WorkflowQueryResult result) implements Outcome {}

        /** No workflow task is left to carry it: it goes as a query task. */
        record Unblocked() implements Outcome {}
    }

    private record Waiting(WorkflowQuery query, CompletableFuture<Outcome> outcome) {}

    synchronized int size() {
        return buffered.size();
    }

    /** Buffers a query; the future completes when a worker answers it, it is unblocked, or the run is reloaded. */
    synchronized CompletableFuture<Outcome> add(String id, WorkflowQuery query) {
        var waiting = new Waiting(query, new CompletableFuture<>());
        buffered.put(id, waiting);
        return waiting.outcome;
    }

    /** Forgets a query whose caller has its outcome or has stopped waiting. */
    synchronized void remove(String id) {
        buffered.remove(id);
    }

    /** The queries to attach to a workflow task now starting. */
    synchronized Map<String, WorkflowQuery> pending() {
        var queries = new LinkedHashMap<String, WorkflowQuery>();
        buffered.forEach((id, waiting) -> queries.put(id, waiting.query));
        return queries;
    }

    /** Completes the queries a worker answered; answers to queries no longer buffered are dropped. */
    synchronized int answer(Map<String, WorkflowQueryResult> results) {
        var answered = 0;
        for (var result : results.entrySet()) {
            var waiting = buffered.remove(result.getKey());
            if (waiting != null) {
                waiting.outcome.complete(new Outcome.Answered(result.getValue()));
                answered++;
            }
        }
        return answered;
    }

    /** Sends every buffered query on as a query task. */
    void unblockAll() {
        take().forEach(w -> w.outcome.complete(new Outcome.Unblocked()));
    }

    /** Fails every buffered query: the run's in-memory state was dropped, as Temporal clears its registry. */
    void clear() {
        var cleared = EngineException.unavailable("buffered query cleared, please retry");
        take().forEach(w -> w.outcome.completeExceptionally(cleared));
    }

    private synchronized List<Waiting> take() {
        var taken = List.copyOf(buffered.values());
        buffered.clear();
        return taken;
    }
}
