package io.junction.jetstream.api;

/** An API request that fails with a JetStream error, which the dispatcher turns into the error response. */
public final class ApiException extends RuntimeException {
    private final ApiError error;

    public ApiException(ApiError error) {
        super(error.description(), null, false, false);
        this.error = error;
    }

    public ApiError error() {
        return error;
    }
}
