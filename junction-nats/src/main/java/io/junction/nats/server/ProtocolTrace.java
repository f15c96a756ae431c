package io.junction.nats.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Protocol tracing ({@code -V}) of one connection, in nats-server's {@code <<-} (received) and {@code ->>} (sent)
 * notation, on a logger of its own so that it is independent of debug ({@code -D}). Each method costs a field read
 * when tracing is off.
 */
final class ProtocolTrace {
    private static final Logger TRACE = LoggerFactory.getLogger("junction.trace");

    private final boolean enabled = TRACE.isTraceEnabled();
    private String prefix = "";

    void prefix(String prefix) {
        this.prefix = prefix;
    }

    /** A CONNECT, with its password hidden. */
    void connect(String json) {
        if (enabled) {
            received("CONNECT " + json.replaceAll("\"pass\"\\s*:\\s*\"[^\"]*\"", "\"pass\":\"[REDACTED]\""));
        }
    }

    void publish(String subject, String reply, int headerLength, int size) {
        if (enabled) {
            var op = headerLength < 0 ? "PUB " : "HPUB ";
            var sizes = headerLength < 0 ? String.valueOf(size) : headerLength + " " + size;
            received(op + subject + (reply == null ? "" : " " + reply) + " " + sizes);
        }
    }

    void mapping(String published, String subject) {
        if (enabled && !subject.equals(published)) {
            received("MAPPING " + published + " -> " + subject);
        }
    }

    void subscribe(String subject, String queue, String sid) {
        if (enabled) {
            received("SUB " + subject + (queue == null ? "" : " " + queue) + " " + sid);
        }
    }

    void unsubscribe(String sid, long max) {
        if (enabled) {
            received("UNSUB " + sid + (max < 0 ? "" : " " + max));
        }
    }

    void ping() {
        if (enabled) {
            received("PING");
            sent("PONG");
        }
    }

    void pong() {
        if (enabled) {
            received("PONG");
        }
    }

    void message(Delivery delivery, String sid) {
        if (enabled) {
            sent((delivery.hasHeaders() ? "HMSG " : "MSG ") + delivery.subject() + " " + sid
                    + (delivery.reply() == null ? "" : " " + delivery.reply()) + " "
                    + delivery.message().readableBytes());
        }
    }

    void error(String text) {
        if (enabled) {
            sent("-ERR '" + text + "'");
        }
    }

    private void received(String op) {
        TRACE.trace("{} - <<- [{}]", prefix, op);
    }

    private void sent(String op) {
        TRACE.trace("{} - ->> [{}]", prefix, op);
    }
}
