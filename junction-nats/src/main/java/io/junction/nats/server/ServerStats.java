package io.junction.nats.server;

/** Server-wide counters at one moment, for {@code /varz} and {@code /metrics}. */
public record ServerStats(
        long inMsgs,
        long inBytes,
        long outMsgs,
        long outBytes,
        long slowConsumers,
        long totalConnections,
        int connections,
        int subscriptions) {}
