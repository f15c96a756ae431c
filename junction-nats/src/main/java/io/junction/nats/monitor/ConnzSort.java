package io.junction.nats.monitor;

import io.junction.nats.server.ConnectionInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.function.ToLongFunction;

/**
 * The {@code sort} options of {@code /connz}, with nats-server's directions: by connection id (and start, the
 * same order) and by uptime ascending, by reason alphabetically, everything else largest first. Ties go by
 * connection id so that paging is stable.
 */
enum ConnzSort {
    CID("cid"),
    START("start"),
    SUBS("subs"),
    PENDING("pending"),
    MSGS_TO("msgs_to"),
    MSGS_FROM("msgs_from"),
    BYTES_TO("bytes_to"),
    BYTES_FROM("bytes_from"),
    LAST("last"),
    IDLE("idle"),
    UPTIME("uptime"),
    STOP("stop"),
    REASON("reason");

    private static final Comparator<ConnectionInfo> BY_CID = Comparator.comparingLong(ConnectionInfo::cid);

    private final String text;

    ConnzSort(String text) {
        this.text = text;
    }

    /** The option named exactly so; an empty name means by connection id. */
    static ConnzSort parse(String text) {
        if (text.isEmpty()) {
            return CID;
        }

        return Arrays.stream(values())
                .filter(sort -> sort.text.equals(text))
                .findFirst()
                .orElseThrow(() -> new BadRequestException("invalid sorting option: " + text));
    }

    String text() {
        return text;
    }

    /** Stop and reason exist only for closed connections. */
    boolean needsClosedConnections() {
        return this == STOP || this == REASON;
    }

    Comparator<ConnectionInfo> comparator(Instant now) {
        return order(now).thenComparing(BY_CID);
    }

    private Comparator<ConnectionInfo> order(Instant now) {
        return switch (this) {
            case CID, START -> BY_CID;
            case SUBS -> descending(ConnectionInfo::subscriptionCount);
            case PENDING -> descending(ConnectionInfo::pendingBytes);
            case MSGS_TO -> descending(ConnectionInfo::outMsgs);
            case MSGS_FROM -> descending(ConnectionInfo::inMsgs);
            case BYTES_TO -> descending(ConnectionInfo::outBytes);
            case BYTES_FROM -> descending(ConnectionInfo::inBytes);
            case LAST -> descending(info -> nanos(info.lastActivity()));
            case IDLE -> descending(info -> between(info.lastActivity(), end(info, now)));
            case UPTIME -> Comparator.comparingLong(info -> between(info.start(), end(info, now)));
            case STOP -> descending(info -> info.stop() == null ? Long.MIN_VALUE : nanos(info.stop()));
            case REASON -> Comparator.comparing(info -> info.reason() == null ? "" : info.reason());
        };
    }

    /** When a connection's clock stops: now while it is open, its stop once closed. */
    static Instant end(ConnectionInfo info, Instant now) {
        return info.stop() == null ? now : info.stop();
    }

    private static Comparator<ConnectionInfo> descending(ToLongFunction<ConnectionInfo> key) {
        return Comparator.comparingLong(key).reversed();
    }

    private static long between(Instant from, Instant to) {
        return Duration.between(from, to).toNanos();
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
