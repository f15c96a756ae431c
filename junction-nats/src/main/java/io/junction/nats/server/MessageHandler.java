package io.junction.nats.server;

/**
 * Receives messages for a subscription made inside the server, such as the JetStream API's.
 *
 * <p>Called on the publishing connection's event loop, so it must not block: hand slow work to another thread.
 * Exceptions are logged and the message counts as delivered.
 */
@FunctionalInterface
public interface MessageHandler {
    /**
     * @param reply the reply subject, or null
     * @param headers the raw header block ({@code NATS/1.0 ...} through the blank line), or null
     */
    void onMessage(String subject, String reply, byte[] headers, byte[] payload);
}
