package io.junction.jetstream.consumer;

import io.junction.jetstream.stream.Headers;
import java.util.LinkedHashMap;

/**
 * The {@code 100 Idle Heartbeat} status a consumer sends while nothing else goes out, to a push consumer's deliver
 * subject or a waiting pull request that asked for it: as nats-server's {@code sendIdleHeartbeat}, it carries the last
 * delivered consumer and stream sequences, so that a client can tell whether it missed messages.
 */
final class IdleHeartbeat {
    private IdleHeartbeat() {}

    /** @param stalled the flow control request awaiting its answer while it holds delivery back, or null */
    static byte[] headers(long lastConsumerSeq, long lastStreamSeq, String stalled) {
        var headers = new LinkedHashMap<String, String>();
        headers.put("Nats-Last-Consumer", Long.toString(lastConsumerSeq));
        headers.put("Nats-Last-Stream", Long.toString(lastStreamSeq));
        if (stalled != null) {
            headers.put("Nats-Consumer-Stalled", stalled);
        }
        return Headers.build("100 Idle Heartbeat", headers);
    }
}
