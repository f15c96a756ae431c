package io.junction.bench;

/** The benchmark cannot go on: a server would not start, or the arguments make no sense. */
final class BenchException extends RuntimeException {
    BenchException(String message) {
        super(message);
    }

    BenchException(String message, Throwable cause) {
        super(message, cause);
    }
}
