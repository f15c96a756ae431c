package io.junction.jetstream.stream;

import io.junction.jetstream.store.MessageStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.function.Function;

/**
 * Copies messages into a stream from streams on the same server (an {@code external} origin is on it only when its
 * API prefix is this server's domain's): all of one origin's, under the origin's sequences, for a mirror; or each
 * source's, appended under new sequences with a {@code Nats-Stream-Source} header, as nats-server 2.10 does.
 *
 * <h2>Threading and durability</h2>
 * Runs on the copying stream's writer thread, as part of its batch: what it copies is synced with the batch before
 * consumers hear of it, like a publish. The position to resume from lives in the store itself: a mirror resumes
 * after its last sequence, and a stream with sources after the last origin sequence each source's header names
 * (found by scanning back from the last message, as nats-server does). So a copy that did not reach the disk before a
 * crash is copied again, and one that did is not.
 *
 * <h2>Following</h2>
 * Each origin stream calls back after a batch that stored messages; the writer also looks every second, which
 * finds an origin created or re-created after the copying stream and keeps {@code active} current.
 */
final class StreamSourcing {
    static final String SOURCE_HEADER = "Nats-Stream-Source";
    private static final int MAX_COPIES_PER_FEED = 1024;

    private final Stream stream;
    private final Function<String, Stream> origins;
    private final Runnable wake;
    private final boolean mirror;
    private final List<SourceFeed> feeds = new ArrayList<>();
    private boolean more;

    StreamSourcing(Stream stream, Function<String, Stream> origins, Runnable wake) {
        this.stream = stream;
        this.origins = origins;
        this.wake = wake;
        var config = stream.config();
        this.mirror = config.mirror() != null;
        var store = stream.store();
        if (mirror) {
            feeds.add(new SourceFeed(config.mirror(), store.state().lastSeq()));
        } else {
            var positions = lastSourced(store, config.sources());
            for (var source : config.sources()) {
                feeds.add(new SourceFeed(source, positions.getOrDefault(source.indexName(), 0L)));
            }
        }
    }

    /** Copies what each origin has beyond its position, up to a bound per origin; returns how many were stored. */
    int copy() {
        more = false;
        var stored = 0;
        for (var feed : feeds) {
            stored += copy(feed);
        }
        return stored;
    }

    /** Whether an origin had more than one call copies, so that the writer should call again. */
    boolean hasMore() {
        return more;
    }

    List<SourceReport> reports() {
        return feeds.stream().map(SourceFeed::report).toList();
    }

    /** Stops following the origins. */
    void close() {
        for (var feed : feeds) {
            var origin = feed.origin();
            if (origin != null) {
                origin.removeFollower(wake);
            }
        }
    }

    private int copy(SourceFeed feed) {
        // As nats-server retries a source whose API never answers: nothing is copied and it is never active.
        // TODO: origins in other domains or accounts are never reached, since Junction has no leafnodes or
        // accounts, so a mirror or source of one stays empty.
        if (!feed.source().isServedHere(stream.domain())) {
            return 0;
        }
        var origin = origins.apply(feed.source().name());
        if (origin != feed.origin()) {
            if (feed.origin() != null) {
                feed.origin().removeFollower(wake);
            }
            if (origin == null) {
                feed.lost();
                return 0;
            }
            origin.addFollower(wake);
        }
        feed.seen(origin);
        var originStore = origin.store();
        var copied = 0;
        var message = feed.next(originStore);
        while (message != null) {
            if (copied == MAX_COPIES_PER_FEED) {
                more = true;
                break;
            }
            var subject = feed.subjectFor(message.subject());
            var stored = mirror
                    ? stream.storeMirrored(message, subject)
                    : stream.storeSourced(sourced(feed, message, subject));
            if (!stored) {
                break;
            }
            feed.advance(message.sequence());
            copied++;
            message = feed.nextAfter(originStore, message.sequence() + 1);
        }
        return copied;
    }

    private static Stream.Inbound sourced(
            SourceFeed feed, io.junction.jetstream.store.StoredMessage message, String subject) {
        var headers = withSourceHeader(message.headers(), feed.source().header(message.sequence()));
        return new Stream.Inbound(subject, null, headers, message.payload());
    }

    /**
     * The origin's header block without the {@code Nats-Stream-Source} of an earlier hop and without
     * {@code Nats-Expected-*} (checked at the origin already), with this hop's source header added.
     */
    static byte[] withSourceHeader(byte[] headers, String value) {
        var text = new StringBuilder();
        if (headers == null || headers.length == 0) {
            text.append("NATS/1.0\r\n");
        } else {
            var lines = new String(headers, StandardCharsets.ISO_8859_1).split("\r\n");
            text.append(lines[0]).append("\r\n");
            for (var i = 1; i < lines.length; i++) {
                var line = lines[i];
                if (line.isEmpty() || line.startsWith(SOURCE_HEADER + ":") || line.startsWith("Nats-Expected-")) {
                    continue;
                }
                text.append(line).append("\r\n");
            }
        }
        text.append(SOURCE_HEADER).append(": ").append(value).append("\r\n\r\n");
        return text.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The last origin sequence each source's header names, scanning back from the last message until all are found. */
    private static HashMap<String, Long> lastSourced(MessageStore store, List<StreamSource> sources) {
        var wanted = new HashMap<String, String>();
        sources.forEach(source -> wanted.put(source.indexName(), source.name()));
        var found = new HashMap<String, Long>();
        var state = store.state();
        for (var sequence = state.lastSeq(); sequence >= state.firstSeq() && sequence > 0; sequence--) {
            var message = store.get(sequence);
            if (message == null || message.headers() == null) {
                continue;
            }
            var value = Headers.parse(message.headers()).get(SOURCE_HEADER);
            if (value == null) {
                continue;
            }
            var fields = value.split(" ");
            if (fields.length < 4) {
                continue;
            }
            var indexName = fields[0] + " " + fields[2] + " " + fields[3];
            if (wanted.containsKey(indexName) && !found.containsKey(indexName)) {
                found.put(indexName, parse(fields[1]));
            }
            if (found.size() == wanted.size()) {
                break;
            }
        }
        return found;
    }

    private static long parse(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
