package io.junction.temporal.persistence;

/** The workflow database failed or holds something Junction cannot read; the operator must look. */
public final class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
