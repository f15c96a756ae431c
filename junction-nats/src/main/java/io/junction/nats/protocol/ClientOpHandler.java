package io.junction.nats.protocol;

import io.netty.buffer.ByteBuf;

/**
 * Receives the operations a client sends, in order, on the connection's event loop.
 *
 * <p>Buffers passed in are slices of the read buffer: valid only during the call, to be copied, never kept.
 */
public interface ClientOpHandler {
    void connect(String json);

    /** An INFO from the client: nats-server decodes it and closes the connection when that fails. */
    void info(String json);

    /**
     * A PUB ({@code headerLength} -1) or HPUB; {@code message} holds the headers, then the payload.
     *
     * @param reply the reply subject, or null
     */
    void publish(String subject, String reply, int headerLength, ByteBuf message);

    /**
     * A PUB or HPUB control line was read and its payload is awaited: nats-server makes its pedantic subject check
     * here, before the payload, which may never come or turn out malformed.
     */
    void publishAnnounced(String subject);

    /** @param queue the queue group, or null */
    void subscribe(String subject, String queue, String sid);

    /** @param max the message count after which to unsubscribe, or -1 for at once */
    void unsubscribe(String sid, long max);

    void ping();

    void pong();

    /**
     * The parser stopped for good: the error's text, if any, is owed to the client, then the connection closes.
     */
    void protocolViolation(ProtocolError error, String detail);

    /** Whether the connection still processes input; checked between operations. */
    boolean isOpen();

    /**
     * Whether the connection pauses reading for now (a receiver it publishes to is backed up); checked between
     * operations. The parser stops and leaves the rest of the buffer for a later {@code parse}.
     */
    default boolean isStalled() {
        return false;
    }

    /** Whether a client must send CONNECT before anything else (auth is required). */
    boolean awaitingConnect();

    /** Whether the client said in CONNECT that it sends headers; HPUB is refused otherwise. */
    boolean headersEnabled();

    /** Announced payload size above which the connection is closed with {@code Maximum Payload Violation}. */
    int maxPayload();
}
