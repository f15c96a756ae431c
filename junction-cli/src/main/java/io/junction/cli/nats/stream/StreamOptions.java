package io.junction.cli.nats.stream;

import io.junction.cli.nats.CliException;
import io.junction.cli.nats.DurationConverter;
import io.junction.cli.nats.Human;
import io.nats.client.api.DiscardPolicy;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The nats CLI's stream settings as flags, shared by {@code stream add} and {@code stream edit}. A flag left out
 * leaves the setting as it was: the server's default for a new stream, the current value for an edit.
 */
final class StreamOptions {
    @Option(names = "--subjects", paramLabel = "<subjects>", split = ",", description = "Subjects, comma separated")
    List<String> subjects;

    @Option(names = "--description", paramLabel = "<text>", description = "A description of the stream")
    String description;

    @Option(
            names = "--retention",
            paramLabel = "<policy>",
            description = "limits, interest or work (workq) (default limits)")
    String retention;

    @Option(names = "--storage", paramLabel = "<type>", description = "file or memory (default file)")
    String storage;

    @Option(names = "--replicas", paramLabel = "<n>", description = "Replicas (default 1)")
    Integer replicas;

    @Option(names = "--max-msgs", paramLabel = "<n>", description = "Most messages kept (default -1, no limit)")
    Long maxMessages;

    @Option(names = "--max-bytes", paramLabel = "<size>", description = "Most bytes kept, such as 1GB (default -1)")
    String maxBytes;

    @Option(
            names = "--max-age",
            paramLabel = "<duration>",
            converter = DurationConverter.class,
            description = "Oldest message kept, such as 1d or 1y (default 0, no limit)")
    Duration maxAge;

    @Option(
            names = "--max-msg-size",
            paramLabel = "<size>",
            description = "Largest message accepted, such as 1MB (default -1)")
    String maxMessageSize;

    @Option(
            names = "--max-msgs-per-subject",
            paramLabel = "<n>",
            description = "Most messages kept per subject (default -1)")
    Long maxMessagesPerSubject;

    @Option(names = "--max-consumers", paramLabel = "<n>", description = "Most consumers (default -1)")
    Long maxConsumers;

    @Option(
            names = "--discard",
            paramLabel = "<policy>",
            description = "When full, discard old messages or refuse new ones: old or new (default old)")
    String discard;

    @Option(names = "--discard-per-subject", negatable = true, description = "Apply discard new per subject")
    Boolean discardPerSubject;

    @Option(
            names = "--dupe-window",
            paramLabel = "<duration>",
            converter = DurationConverter.class,
            description = "Window for duplicate detection with Nats-Msg-Id (default 2m)")
    Duration duplicateWindow;

    @Option(names = "--allow-rollup", negatable = true, description = "Allow Nats-Rollup headers to purge")
    Boolean allowRollup;

    @Option(names = "--deny-delete", negatable = true, description = "Refuse message deletes")
    Boolean denyDelete;

    @Option(names = "--deny-purge", negatable = true, description = "Refuse purges")
    Boolean denyPurge;

    @Option(names = "--allow-direct", negatable = true, description = "Allow direct gets of messages")
    Boolean allowDirect;

    @Option(names = "--no-ack", negatable = true, description = "Do not acknowledge publishes")
    Boolean noAck;

    /** Applies the flags that were given onto the builder. */
    StreamConfiguration.Builder apply(StreamConfiguration.Builder builder) {
        if (subjects != null) {
            builder.subjects(subjects.stream()
                    .map(String::strip)
                    .filter(s -> !s.isEmpty())
                    .toList());
        }
        if (description != null) {
            builder.description(description);
        }
        if (retention != null) {
            builder.retentionPolicy(retention(retention));
        }
        if (storage != null) {
            builder.storageType(storage(storage));
        }
        if (replicas != null) {
            builder.replicas(replicas);
        }
        if (maxMessages != null) {
            builder.maxMessages(maxMessages);
        }
        if (maxBytes != null) {
            builder.maxBytes(Human.parseBytes(maxBytes));
        }
        if (maxAge != null) {
            builder.maxAge(maxAge);
        }
        if (maxMessageSize != null) {
            builder.maximumMessageSize(intSize("--max-msg-size", Human.parseBytes(maxMessageSize)));
        }
        if (maxMessagesPerSubject != null) {
            builder.maxMessagesPerSubject(maxMessagesPerSubject);
        }
        if (maxConsumers != null) {
            builder.maxConsumers(maxConsumers);
        }
        if (discard != null) {
            builder.discardPolicy(discard(discard));
        }
        if (discardPerSubject != null) {
            builder.discardNewPerSubject(discardPerSubject);
        }
        if (duplicateWindow != null) {
            builder.duplicateWindow(duplicateWindow);
        }
        if (allowRollup != null) {
            builder.allowRollup(allowRollup);
        }
        if (denyDelete != null) {
            builder.denyDelete(denyDelete);
        }
        if (denyPurge != null) {
            builder.denyPurge(denyPurge);
        }
        if (allowDirect != null) {
            builder.allowDirect(allowDirect);
        }
        if (noAck != null) {
            builder.noAck(noAck);
        }
        return builder;
    }

    private static int intSize(String flag, long bytes) {
        if (bytes > Integer.MAX_VALUE) {
            throw new CliException(flag + " must be below 2 GiB");
        }
        return (int) bytes;
    }

    private static RetentionPolicy retention(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "limits", "limit" -> RetentionPolicy.Limits;
            case "interest" -> RetentionPolicy.Interest;
            case "work", "workq", "workqueue" -> RetentionPolicy.WorkQueue;
            default -> throw invalid("retention", value, "limits", "interest", "work");
        };
    }

    private static StorageType storage(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "file", "f" -> StorageType.File;
            case "memory", "mem", "m" -> StorageType.Memory;
            default -> throw invalid("storage", value, "file", "memory");
        };
    }

    private static DiscardPolicy discard(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "old" -> DiscardPolicy.Old;
            case "new" -> DiscardPolicy.New;
            default -> throw invalid("discard", value, "old", "new");
        };
    }

    private static CliException invalid(String flag, String value, String... allowed) {
        return new CliException(
                "invalid --" + flag + " \"" + value + "\", use one of " + String.join(", ", Arrays.asList(allowed)));
    }
}
