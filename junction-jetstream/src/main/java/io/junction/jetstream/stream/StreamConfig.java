package io.junction.jetstream.stream;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A stream's configuration in nats-server's terms. Limits of -1 mean unlimited; durations are nanoseconds.
 * {@link StreamConfigs} reads it from API JSON, applies nats-server's defaults and checks, and writes it back. A mirror
 * ({@code mirror} set) has no subjects and no sources; {@code sources} is empty when the stream sources nothing.
 * {@code subjectTransform} and {@code republish} are null when not configured.
 */
public record StreamConfig(
        String name,
        String description,
        List<String> subjects,
        Retention retention,
        long maxConsumers,
        long maxMsgs,
        long maxBytes,
        long maxAgeNanos,
        long maxMsgsPerSubject,
        long maxMsgSize,
        Discard discard,
        Storage storage,
        int replicas,
        boolean noAck,
        long duplicateWindowNanos,
        long firstSeq,
        boolean allowDirect,
        boolean mirrorDirect,
        boolean discardNewPerSubject,
        boolean sealed,
        boolean denyDelete,
        boolean denyPurge,
        boolean allowRollup,
        String compression,
        ConsumerLimits consumerLimits,
        Map<String, String> metadata,
        StreamSource mirror,
        List<StreamSource> sources,
        SubjectTransformConfig subjectTransform,
        RePublish republish) {
    public static final long DEFAULT_DUPLICATE_WINDOW_NANOS =
            Duration.ofMinutes(2).toNanos();

    public StreamConfig {
        subjects = List.copyOf(subjects);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        sources = sources == null ? List.of() : List.copyOf(sources);
        consumerLimits = consumerLimits == null ? ConsumerLimits.NONE : consumerLimits;
    }

    /** Whether the stream copies messages from other streams (a mirror or sources). */
    public boolean isSourcing() {
        return mirror != null || !sources.isEmpty();
    }

    /** The same configuration with {@code mirror_direct} as given, which nats-server takes from a mirror's origin. */
    public StreamConfig withMirrorDirect(boolean direct) {
        return new StreamConfig(
                name,
                description,
                subjects,
                retention,
                maxConsumers,
                maxMsgs,
                maxBytes,
                maxAgeNanos,
                maxMsgsPerSubject,
                maxMsgSize,
                discard,
                storage,
                replicas,
                noAck,
                duplicateWindowNanos,
                firstSeq,
                allowDirect,
                direct,
                discardNewPerSubject,
                sealed,
                denyDelete,
                denyPurge,
                allowRollup,
                compression,
                consumerLimits,
                metadata,
                mirror,
                sources,
                subjectTransform,
                republish);
    }

    /**
     * The configuration nats-server keeps for a sealed stream: no {@code max_age}, discard new, deletes and purges
     * denied, no rollups, so that nothing leaves the stream any more. Itself when not sealed.
     */
    public StreamConfig asSealed() {
        if (!sealed) {
            return this;
        }
        return new StreamConfig(
                name,
                description,
                subjects,
                retention,
                maxConsumers,
                maxMsgs,
                maxBytes,
                0,
                maxMsgsPerSubject,
                maxMsgSize,
                Discard.NEW,
                storage,
                replicas,
                noAck,
                duplicateWindowNanos,
                firstSeq,
                allowDirect,
                mirrorDirect,
                discardNewPerSubject,
                true,
                true,
                true,
                false,
                compression,
                consumerLimits,
                metadata,
                mirror,
                sources,
                subjectTransform,
                republish);
    }

    public enum Retention {
        LIMITS,
        INTEREST,
        WORKQUEUE
    }

    public enum Discard {
        OLD,
        NEW
    }

    public enum Storage {
        FILE,
        MEMORY
    }
}
