package io.junction.jetstream.store;

/** A store could not read or write its files; the stream reports it and refuses writes until restarted. */
public final class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
