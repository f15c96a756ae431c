package io.junction.nats.monitor;

/** A query parameter the monitor cannot use; its message is nats-server's text and goes back with HTTP 400. */
final class BadRequestException extends RuntimeException {
    BadRequestException(String message) {
        super(message, null, false, false);
    }
}
