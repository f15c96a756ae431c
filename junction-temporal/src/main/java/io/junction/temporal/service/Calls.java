package io.junction.temporal.service;

import com.google.protobuf.Any;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import io.junction.temporal.persistence.StoreException;
import io.junction.temporal.visibility.InvalidQueryException;
import io.junction.temporal.visibility.InvalidSearchAttributeException;
import io.junction.temporal.workflow.EngineException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs one RPC: the handler's answer, or its refusal as the gRPC status and typed detail Temporal sends. */
final class Calls {
    private static final Logger LOG = LoggerFactory.getLogger(Calls.class);
    private static final long SAFETY_MILLIS = 500;

    private Calls() {}

    /** A blocking handler; RPCs run on virtual threads, so waiting for a commit or a task is cheap. */
    interface Handler<T> {
        T handle() throws InterruptedException;
    }

    static <T> void run(StreamObserver<T> observer, Handler<T> handler) {
        T response;
        try {
            response = handler.handle();
        } catch (EngineException e) {
            observer.onError(toStatus(e));
            return;
        } catch (InvalidQueryException | InvalidSearchAttributeException e) {
            observer.onError(
                    Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
            return;
        } catch (StoreException e) {
            LOG.error("workflow store failure", e);
            observer.onError(Status.UNAVAILABLE.withDescription(e.getMessage()).asRuntimeException());
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            observer.onError(
                    Status.CANCELLED.withDescription("server shutting down").asRuntimeException());
            return;
        } catch (RuntimeException e) {
            LOG.error("internal error in RPC", e);
            observer.onError(Status.INTERNAL
                    .withDescription(String.valueOf(e.getMessage()))
                    .asRuntimeException());
            return;
        }
        try {
            observer.onNext(response);
            observer.onCompleted();
        } catch (StatusRuntimeException e) {
            LOG.debug("client went away before the response: {}", e.getStatus());
        }
    }

    static StatusRuntimeException toStatus(EngineException e) {
        var status = com.google.rpc.Status.newBuilder()
                .setCode(e.code().value())
                .setMessage(e.getMessage() == null ? "" : e.getMessage());
        if (e.details() != null) {
            status.addDetails(Any.pack(e.details()));
        }
        return StatusProto.toStatusRuntimeException(status.build());
    }

    /** How long a long poll may wait: the caller's deadline less a margin, at most {@code max}. */
    static long pollBudget(long maxMillis) {
        var deadline = Context.current().getDeadline();
        if (deadline == null) {
            return maxMillis;
        }
        return Math.max(0, Math.min(maxMillis, deadline.timeRemaining(TimeUnit.MILLISECONDS) - SAFETY_MILLIS));
    }

    /** Completes when the caller cancels the RPC or its deadline passes. */
    static CompletableFuture<Void> cancellation() {
        var cancelled = new CompletableFuture<Void>();
        Context.current().addListener(context -> cancelled.complete(null), Runnable::run);
        return cancelled;
    }
}
