package io.junction.cli.nats.consumer;

import io.junction.cli.nats.CliException;
import io.junction.cli.nats.Human;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.ReplayPolicy;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** The nats CLI's words for consumer policies, read into the client's enums. */
final class ConsumerPolicies {
    private ConsumerPolicies() {}

    static AckPolicy ack(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "explicit" -> AckPolicy.Explicit;
            case "all" -> AckPolicy.All;
            case "none" -> AckPolicy.None;
            default -> throw new CliException("invalid --ack \"" + value + "\", use one of explicit, all, none");
        };
    }

    static ReplayPolicy replay(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "instant" -> ReplayPolicy.Instant;
            case "original" -> ReplayPolicy.Original;
            default -> throw new CliException("invalid --replay \"" + value + "\", use instant or original");
        };
    }

    /**
     * {@code all}, {@code last}, {@code new}, {@code last_per_subject} (or {@code subject}), a stream sequence, a
     * duration back from now such as {@code 1h}, or an RFC 3339 time.
     */
    static void deliver(String value, ConsumerConfiguration.Builder builder) {
        var policy = value.toLowerCase(Locale.ROOT);
        switch (policy) {
            case "all" -> builder.deliverPolicy(DeliverPolicy.All);
            case "last" -> builder.deliverPolicy(DeliverPolicy.Last);
            case "new", "next" -> builder.deliverPolicy(DeliverPolicy.New);
            case "last_per_subject", "subject", "last-per-subject" ->
                builder.deliverPolicy(DeliverPolicy.LastPerSubject);
            default -> deliverFrom(value, builder);
        }
    }

    private static void deliverFrom(String value, ConsumerConfiguration.Builder builder) {
        if (value.chars().allMatch(Character::isDigit)) {
            builder.deliverPolicy(DeliverPolicy.ByStartSequence).startSequence(Long.parseLong(value));
            return;
        }
        try {
            builder.deliverPolicy(DeliverPolicy.ByStartTime).startTime(ZonedDateTime.parse(value));
            return;
        } catch (DateTimeParseException e) {
            // not a time; maybe a duration back from now
        }
        try {
            builder.deliverPolicy(DeliverPolicy.ByStartTime)
                    .startTime(ZonedDateTime.now().minus(Human.parseDuration(value)));
        } catch (IllegalArgumentException e) {
            throw new CliException("invalid --deliver \"" + value
                    + "\", use all, last, new, last_per_subject, a sequence, a duration such as 1h, or a time");
        }
    }
}
