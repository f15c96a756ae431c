package io.junction.cli.temporal;

/** A failure the user reads as one line, {@code Error: <message>}, with exit status 1. */
final class CliException extends RuntimeException {
    CliException(String message) {
        super(message);
    }

    CliException(String message, Throwable cause) {
        super(message, cause);
    }
}
