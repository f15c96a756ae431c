package io.junction.nats.protocol;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Records the operations a parser hands over, as text, for parser tests. */
final class RecordingHandler implements ClientOpHandler {
    final List<String> ops = new ArrayList<>();
    ProtocolError violation;
    int unread;

    @Override
    public void connect(String json) {
        ops.add("CONNECT " + json);
    }

    @Override
    public void info(String json) {
        ops.add("INFO " + json);
    }

    @Override
    public void publish(String subject, String reply, int headerLength, ByteBuf message) {
        ops.add("PUB " + subject + " " + reply + " " + headerLength + " "
                + message.toString(StandardCharsets.ISO_8859_1));
    }

    @Override
    public void publishAnnounced(String subject) {
        // The publish itself is recorded once its payload is read.
    }

    @Override
    public void subscribe(String subject, String queue, String sid) {
        ops.add("SUB " + subject + " " + queue + " " + sid);
    }

    @Override
    public void unsubscribe(String sid, long max) {
        ops.add("UNSUB " + sid + " " + max);
    }

    @Override
    public void ping() {
        ops.add("PING");
    }

    @Override
    public void pong() {
        ops.add("PONG");
    }

    @Override
    public void protocolViolation(ProtocolError error, String detail) {
        ops.add("VIOLATION");
        violation = error;
    }

    @Override
    public boolean isOpen() {
        return violation == null;
    }

    @Override
    public boolean awaitingConnect() {
        return false;
    }

    @Override
    public boolean headersEnabled() {
        return true;
    }

    @Override
    public int maxPayload() {
        return 1024 * 1024;
    }
}
