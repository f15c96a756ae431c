package io.junction.temporal.workflow;

import io.grpc.Status;

/**
 * A request the engine refuses, carrying the gRPC status code and the message Temporal's server gives for it, so
 * the SDKs react as they do against Temporal (retry, not found, already started).
 */
public final class EngineException extends RuntimeException {
    private final Status.Code code;
    private final transient com.google.protobuf.Message details;

    public EngineException(Status.Code code, String message, com.google.protobuf.Message details) {
        super(message, null, false, false);
        this.code = code;
        this.details = details;
    }

    public Status.Code code() {
        return code;
    }

    /** The typed error detail Temporal attaches (for example WorkflowExecutionAlreadyStartedFailure), or null. */
    public com.google.protobuf.Message details() {
        return details;
    }

    public static EngineException invalidArgument(String message) {
        return new EngineException(Status.Code.INVALID_ARGUMENT, message, null);
    }

    public static EngineException notFound(String message) {
        return new EngineException(Status.Code.NOT_FOUND, message, null);
    }

    public static EngineException failedPrecondition(String message) {
        return new EngineException(Status.Code.FAILED_PRECONDITION, message, null);
    }

    public static EngineException unavailable(String message) {
        return new EngineException(Status.Code.UNAVAILABLE, message, null);
    }

    public static EngineException withDetails(Status.Code code, String message, com.google.protobuf.Message details) {
        return new EngineException(code, message, details);
    }
}
