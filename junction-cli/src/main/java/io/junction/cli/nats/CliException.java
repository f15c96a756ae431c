package io.junction.cli.nats;

/** A failure the user should read as one line: {@code nats: error: <message>}, and exit status 1. */
public final class CliException extends RuntimeException {
    public CliException(String message) {
        super(message);
    }

    public CliException(String message, Throwable cause) {
        super(message, cause);
    }
}
