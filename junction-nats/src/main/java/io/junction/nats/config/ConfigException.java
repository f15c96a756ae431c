package io.junction.nats.config;

/** A configuration file that cannot be used; the message names the file, the line and the problem. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A problem at a place in a file, in nats-server's {@code file:line:column: problem} form. */
    static ConfigException at(Position position, String problem) {
        return new ConfigException(position + ": " + problem);
    }
}
