package io.junction.jetstream.consumer;

import io.junction.jetstream.stream.Headers;
import io.junction.nats.server.NatsServer;
import java.util.Map;

/**
 * What a push consumer adds to delivery: it delivers only while its deliver subject has interest and flow control is
 * not stalled, asks for flow control after every window of bytes, and sends an idle heartbeat when nothing went out
 * for {@code idle_heartbeat}.
 *
 * <p>Confined to the consumer's executor, but for {@link #isBound}, which asks only the subscription index.
 */
final class PushDelivery {
    private static final long FLOW_CONTROL_WINDOW = 1024 * 1024;

    private final NatsServer server;
    private final ConsumerConfig config;
    private final FlowControl flowControl;
    private long lastDeliveryNanos = System.nanoTime();
    private volatile Binding binding = new Binding(-1, false);

    PushDelivery(NatsServer server, String stream, String consumer, ConsumerConfig config) {
        this.server = server;
        this.config = config;
        this.flowControl = config.flowControl() ? new FlowControl(stream, consumer, FLOW_CONTROL_WINDOW) : null;
    }

    /** The subject flow control answers arrive on, or null without flow control. */
    String flowControlSubscription() {
        return flowControl == null ? null : flowControl.subscription();
    }

    /** A flow control answer arrived; true when it released a stall, so that delivery may go on. */
    boolean flowControlAnswered(String subject) {
        return flowControl.answered(subject);
    }

    /**
     * Whether someone subscribes to exactly the deliver subject (in the deliver group, if there is one): nats-server's
     * {@code push_bound}. A wildcard subscriber still hears what is delivered, but does not start delivery.
     */
    boolean isBound() {
        // asked before every delivery: the index is consulted again only after a subscription came or went
        var generation = server.index().generation();
        var known = binding;
        if (known.generation() == generation) {
            return known.bound();
        }
        var bound = server.hasDeliveryInterest(config.deliverSubject(), config.deliverGroup());
        binding = new Binding(generation, bound);
        return bound;
    }

    /** The answer of {@link #isBound} and the subscription index generation it holds for. */
    private record Binding(long generation, boolean bound) {}

    boolean canDeliver() {
        return (flowControl == null || !flowControl.isStalled()) && isBound();
    }

    /** A message went out: counts it against the flow control window and sends the request the window asks for. */
    void delivered(long storedSize, long nowNanos) {
        lastDeliveryNanos = nowNanos;
        if (flowControl == null) {
            return;
        }
        var request = flowControl.delivered(storedSize);
        if (request != null) {
            server.publish(
                    config.deliverSubject(), request, Headers.build("100 FlowControl Request", Map.of()), new byte[0]);
        }
    }

    /**
     * Sends an idle heartbeat when nothing went out for {@code idle_heartbeat}, with the last delivered sequences and,
     * while flow control stalls delivery, the request awaiting its answer.
     */
    void heartbeatIfIdle(long nowNanos, long lastConsumerSeq, long lastStreamSeq) {
        if (config.idleHeartbeatNanos() <= 0 || nowNanos - lastDeliveryNanos < config.idleHeartbeatNanos()) {
            return;
        }
        lastDeliveryNanos = nowNanos;
        var stalled = flowControl != null && flowControl.isStalled() ? flowControl.outstanding() : null;
        server.publish(
                config.deliverSubject(),
                null,
                IdleHeartbeat.headers(lastConsumerSeq, lastStreamSeq, stalled),
                new byte[0]);
    }
}
