package io.junction.jetstream.consumer;

import java.util.List;
import java.util.Map;

/**
 * A consumer's configuration in nats-server's terms; durations in nanoseconds, -1 for unlimited.
 * {@link ConsumerConfigs} reads, completes, checks and writes it.
 */
public record ConsumerConfig(
        String durableName,
        String name,
        String description,
        DeliverPolicy deliverPolicy,
        long optStartSeq,
        String optStartTime,
        AckPolicy ackPolicy,
        long ackWaitNanos,
        long maxDeliver,
        List<Long> backoffNanos,
        String filterSubject,
        List<String> filterSubjects,
        ReplayPolicy replayPolicy,
        long rateLimitBps,
        String sampleFrequency,
        long maxWaiting,
        long maxAckPending,
        long idleHeartbeatNanos,
        boolean flowControl,
        boolean headersOnly,
        long maxBatch,
        long maxExpiresNanos,
        long maxBytes,
        String deliverSubject,
        String deliverGroup,
        long inactiveThresholdNanos,
        int replicas,
        boolean memoryStorage,
        Map<String, String> metadata) {
    public ConsumerConfig {
        backoffNanos = List.copyOf(backoffNanos);
        filterSubjects = List.copyOf(filterSubjects);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /** This configuration under the names the API subject gives it. */
    public ConsumerConfig withNames(String durableName, String name) {
        return new ConsumerConfig(
                durableName,
                name,
                description,
                deliverPolicy,
                optStartSeq,
                optStartTime,
                ackPolicy,
                ackWaitNanos,
                maxDeliver,
                backoffNanos,
                filterSubject,
                filterSubjects,
                replayPolicy,
                rateLimitBps,
                sampleFrequency,
                maxWaiting,
                maxAckPending,
                idleHeartbeatNanos,
                flowControl,
                headersOnly,
                maxBatch,
                maxExpiresNanos,
                maxBytes,
                deliverSubject,
                deliverGroup,
                inactiveThresholdNanos,
                replicas,
                memoryStorage,
                metadata);
    }

    /** This configuration with the settings that defaults and the stream's consumer limits complete. */
    ConsumerConfig withCompleted(
            long ackWaitNanos, long maxDeliver, long maxWaiting, long maxAckPending, long inactiveThresholdNanos) {
        return new ConsumerConfig(
                durableName,
                name,
                description,
                deliverPolicy,
                optStartSeq,
                optStartTime,
                ackPolicy,
                ackWaitNanos,
                maxDeliver,
                backoffNanos,
                filterSubject,
                filterSubjects,
                replayPolicy,
                rateLimitBps,
                sampleFrequency,
                maxWaiting,
                maxAckPending,
                idleHeartbeatNanos,
                flowControl,
                headersOnly,
                maxBatch,
                maxExpiresNanos,
                maxBytes,
                deliverSubject,
                deliverGroup,
                inactiveThresholdNanos,
                replicas,
                memoryStorage,
                metadata);
    }

    /**
     * How long a message delivered for the given time waits for its ack: the {@code backoff} step for that delivery
     * (the last step for every later one), or else {@code ack_wait}.
     */
    long ackWaitFor(int deliveryCount) {
        if (!backoffNanos.isEmpty()) {
            return backoffNanos.get(Math.min(deliveryCount - 1, backoffNanos.size() - 1));
        }
        return ackWaitNanos;
    }

    public boolean isPull() {
        return deliverSubject == null || deliverSubject.isEmpty();
    }

    public boolean isDurable() {
        return durableName != null && !durableName.isEmpty();
    }

    /** Every filter, whether given as {@code filter_subject} or {@code filter_subjects}; empty for all. */
    public List<String> filters() {
        if (filterSubject != null && !filterSubject.isEmpty()) {
            return List.of(filterSubject);
        }
        return filterSubjects;
    }

    public enum DeliverPolicy {
        ALL("all"),
        LAST("last"),
        NEW("new"),
        BY_START_SEQUENCE("by_start_sequence"),
        BY_START_TIME("by_start_time"),
        LAST_PER_SUBJECT("last_per_subject");

        private final String json;

        DeliverPolicy(String json) {
            this.json = json;
        }

        public String json() {
            return json;
        }
    }

    public enum AckPolicy {
        NONE,
        ALL,
        EXPLICIT
    }

    public enum ReplayPolicy {
        INSTANT,
        ORIGINAL
    }
}
