package io.junction.nats.protocol;

/**
 * The ways a client connection breaks the protocol, with nats-server's {@code -ERR} text where it sends one. A null
 * text means nats-server closes the connection without one.
 */
public enum ProtocolError {
    UNKNOWN_OPERATION("Unknown Protocol Operation"),
    MAX_CONTROL_LINE("maximum control line exceeded"),
    MAX_PAYLOAD("Maximum Payload Violation"),
    AUTHORIZATION_VIOLATION("Authorization Violation"),
    /** Malformed arguments, a bad CONNECT, or HPUB without headers: nats-server closes silently. */
    MALFORMED_ARGUMENTS(null);

    private final String text;

    ProtocolError(String text) {
        this.text = text;
    }

    /** The {@code -ERR} text, or null when none is sent. */
    public String text() {
        return text;
    }
}
