package io.junction.jetstream.stream;

/**
 * The account's JetStream storage limits ({@code max_mem}, {@code max_file}) as a stream sees them when it stores a
 * message. Called on the stream's writer thread.
 */
@FunctionalInterface
public interface StorageBudget {
    StorageBudget UNLIMITED = (storage, bytes) -> true;

    /** Whether the account may store this many more bytes of the given storage type. */
    boolean admits(StreamConfig.Storage storage, long bytes);
}
