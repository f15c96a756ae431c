package io.junction.nats.server;

import java.time.Instant;
import java.util.List;

/**
 * A snapshot of one client connection, in the terms of nats-server's {@code /connz}. Counters are read without
 * stopping the connection, so they may be a moment apart from each other.
 */
public record ConnectionInfo(
        long cid,
        String ip,
        int port,
        Instant start,
        Instant lastActivity,
        long rttNanos,
        long pendingBytes,
        long inMsgs,
        long outMsgs,
        long inBytes,
        long outBytes,
        int subscriptionCount,
        List<String> subscriptions,
        String name,
        String lang,
        String version,
        String authorizedUser,
        Instant stop,
        String reason) {}
