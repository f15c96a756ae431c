package io.junction.temporal.matching;

import java.util.ArrayDeque;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One task queue of one kind (workflow or activity tasks): a backlog of tasks and the polls waiting for one.
 *
 * <p>A task offered while a poll waits goes straight to that poll; otherwise it waits in the backlog, oldest first.
 * Polls block their (virtual) thread until a task comes, the long poll expires, or the caller gives up.
 */
public final class TaskQueue<T> {
    private final ArrayDeque<T> backlog = new ArrayDeque<>();
    private final ArrayDeque<CompletableFuture<T>> polls = new ArrayDeque<>();
    private volatile long lastPollTime;

    /** Hands {@code task} to a waiting poll, or keeps it for the next one. */
    public void offer(T task) {
        while (true) {
            CompletableFuture<T> poll;
            synchronized (this) {
                poll = polls.pollFirst();
                if (poll == null) {
                    backlog.addLast(task);
                    return;
                }
            }
            if (poll.complete(task)) {
                return;
            }
        }
    }

    /**
     * Waits up to {@code timeoutMillis} for a task; null when none came. {@code cancel} completes early when the
     * caller went away.
     */
    public T poll(long timeoutMillis, CompletableFuture<Void> cancel) throws InterruptedException {
        lastPollTime = System.currentTimeMillis();
        CompletableFuture<T> waiting;
        synchronized (this) {
            var task = backlog.pollFirst();
            if (task != null) {
                return task;
            }
            waiting = new CompletableFuture<>();
            polls.addLast(waiting);
        }
        cancel.whenComplete((ignored, error) -> waiting.cancel(false));
        try {
            return waiting.get(Math.max(0, timeoutMillis), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | CancellationException e) {
            return abandon(waiting);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            var task = abandon(waiting);
            if (task != null) {
                offer(task);
            }
            throw e;
        } finally {
            lastPollTime = System.currentTimeMillis();
        }
    }

    private T abandon(CompletableFuture<T> waiting) {
        synchronized (this) {
            polls.remove(waiting);
        }
        if (waiting.cancel(false)) {
            return null;
        }
        return waiting.getNow(null);
    }

    public synchronized int pollerCount() {
        return polls.size();
    }

    /** When a poll last waited on or left this queue, in epoch milliseconds. */
    public long lastPollTime() {
        return lastPollTime;
    }
}
