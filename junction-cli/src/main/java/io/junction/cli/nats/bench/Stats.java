package io.junction.cli.nats.bench;

import io.junction.cli.nats.Human;
import java.time.Duration;
import java.util.Locale;

/** How many messages of what size moved in how long, and the rates that follow. */
record Stats(long messages, int size, Duration elapsed) {
    double messagesPerSecond() {
        var seconds = Math.max(elapsed.toNanos(), 1) / 1e9;
        return messages / seconds;
    }

    String summary(String label) {
        var rate = messagesPerSecond();
        return String.format(
                Locale.ROOT,
                "%s stats: %s msgs/sec ~ %s/sec (%s msgs of %s in %s)",
                label,
                Human.count(Math.round(rate)),
                Human.bytes(Math.round(rate * size)),
                Human.count(messages),
                Human.bytes(size),
                Human.duration(elapsed));
    }

    /** Clients running side by side: all their messages over the longest of their times. */
    static Stats combine(java.util.List<Stats> clients, int size) {
        var messages = clients.stream().mapToLong(Stats::messages).sum();
        var longest =
                clients.stream().map(Stats::elapsed).max(Duration::compareTo).orElse(Duration.ZERO);
        return new Stats(messages, size, longest);
    }
}
