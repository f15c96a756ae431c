package io.junction.nats.server;

/** Why a client connection ended, with nats-server's wording for {@code /connz?state=closed}. */
public enum ClosedReason {
    CLIENT_CLOSED("Client Closed"),
    AUTHENTICATION_TIMEOUT("Authentication Timeout"),
    AUTHENTICATION_VIOLATION("Authentication Failure"),
    PROTOCOL_VIOLATION("Protocol Violation"),
    BAD_CLIENT_PROTOCOL("Bad Client Protocol Version"),
    NO_RESPONDERS_REQUIRES_HEADERS("No Responders Requires Headers"),
    MAX_PAYLOAD("Maximum Message Payload Exceeded"),
    MAX_CONTROL_LINE("Maximum Control Line Exceeded"),
    MAX_CONNECTIONS("Maximum Connections Exceeded"),
    SLOW_CONSUMER_PENDING_BYTES("Slow Consumer (Pending Bytes)"),
    SLOW_CONSUMER_WRITE_DEADLINE("Slow Consumer (Write Deadline)"),
    STALE_CONNECTION("Stale Connection"),
    READ_ERROR("Read Error"),
    SERVER_SHUTDOWN("Server Shutdown");

    private final String text;

    ClosedReason(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
