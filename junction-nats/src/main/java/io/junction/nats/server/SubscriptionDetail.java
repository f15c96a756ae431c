package io.junction.nats.server;

/**
 * One subscription at one moment, in the terms of nats-server's {@code /subsz} and {@code /connz?subs=detail}.
 *
 * @param queue the queue group, or {@code null} for a plain subscription
 * @param msgs messages delivered to it so far
 * @param max its auto-unsubscribe limit, 0 when it has none
 */
public record SubscriptionDetail(long cid, String subject, String queue, String sid, long msgs, long max) {
    static SubscriptionDetail of(long cid, Subscription subscription) {
        var max = Math.max(subscription.max(), 0);
        var delivered = subscription.delivered();
        // A publisher counts a delivery before it learns the limit was reached and drops it, so clamp to the limit.
        var msgs = max > 0 ? Math.min(delivered, max) : delivered;
        return new SubscriptionDetail(cid, subscription.subject(), subscription.queue(), subscription.sid(), msgs, max);
    }
}
