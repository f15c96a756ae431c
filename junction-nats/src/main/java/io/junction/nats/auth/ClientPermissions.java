package io.junction.nats.auth;

import io.junction.nats.subject.Interest;
import io.junction.nats.subject.SubjectIndex;
import io.junction.nats.subject.Subjects;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One connection's permissions, compiled for quick checks, with nats-server's semantics: an allow list (empty
 * allows all) narrowed by a deny list; subscribe entries may name a queue group as {@code "subject queue"}; deny
 * clauses also filter what wildcard subscriptions receive; {@code allow_responses} opens reply subjects of received
 * requests for a limited number of publishes and time.
 *
 * <p>Not thread-safe except {@link #allowResponse}: confined to the connection's event loop.
 */
public final class ClientPermissions {
    private static final int CACHE_MAX = 128;
    private static final int REPLIES_MAX = 10_000;

    private final Clauses publishAllow;
    private final Clauses publishDeny;
    private final Clauses subscribeAllow;
    private final Clauses subscribeDeny;
    private final ResponsePermission responses;
    private final Map<String, Boolean> publishCache = new HashMap<>();
    private final Map<String, Reply> replies = new LinkedHashMap<>();

    private ClientPermissions(Permissions permissions) {
        publishAllow = Clauses.of(permissions.publish().allow());
        publishDeny = Clauses.of(permissions.publish().deny());
        subscribeAllow = Clauses.of(permissions.subscribe().allow());
        subscribeDeny = Clauses.of(permissions.subscribe().deny());
        responses = permissions.responses();
    }

    /** Null when the permissions restrict nothing, so the hot path can skip every check. */
    public static ClientPermissions compile(Permissions permissions) {
        return permissions == null || permissions.isUnrestricted() ? null : new ClientPermissions(permissions);
    }

    public boolean canPublish(String subject) {
        var cached = publishCache.get(subject);
        if (cached != null && cached) {
            return true;
        }
        var allowed = cached == null ? computePublish(subject) : false;
        if (cached == null) {
            if (publishCache.size() >= CACHE_MAX) {
                publishCache.clear();
            }
            publishCache.put(subject, allowed);
        }
        return allowed || useReply(subject);
    }

    public boolean canSubscribe(String subject, String queue) {
        var allowed = true;
        if (subscribeAllow != null) {
            var match = subscribeAllow.index.match(subject);
            allowed = !match.plain().isEmpty();
            if (queue != null && !match.queueGroups().isEmpty()) {
                allowed = queueMatches(queue, match);
            }
        }
        if (allowed && subscribeDeny != null) {
            var match = subscribeDeny.index.match(subject);
            allowed = match.plain().isEmpty();
            if (queue != null && !match.queueGroups().isEmpty()) {
                allowed = !queueMatches(queue, match);
            }
        }
        return allowed;
    }

    /** Whether a message on this subject must be withheld from the connection's wildcard subscriptions. */
    public boolean isDeliveryDenied(String subject) {
        return subscribeDeny != null
                && !subscribeDeny.index.match(subject).plain().isEmpty();
    }

    /** Whether delivered requests should open their reply subjects for responses. */
    public boolean tracksResponses() {
        return responses != null;
    }

    /** Records a reply subject of a request delivered to this connection; called by publishing threads. */
    public void allowResponse(String reply) {
        synchronized (replies) {
            if (replies.size() >= REPLIES_MAX) {
                var oldest = replies.keySet().iterator();
                oldest.next();
                oldest.remove();
            }
            replies.put(reply, new Reply(System.nanoTime()));
        }
    }

    private boolean computePublish(String subject) {
        var allowed = publishAllow == null
                || !publishAllow.index.match(subject).plain().isEmpty();
        return allowed
                && (publishDeny == null
                        || publishDeny.index.match(subject).plain().isEmpty());
    }

    private boolean useReply(String subject) {
        if (responses == null) {
            return false;
        }
        synchronized (replies) {
            var reply = replies.get(subject);
            if (reply == null) {
                return false;
            }
            reply.count++;
            var tooMany = responses.maxMsgs() > 0 && reply.count > responses.maxMsgs();
            var expired = !responses.expires().isZero()
                    && System.nanoTime() - reply.startNanos
                            > responses.expires().toNanos();
            if (tooMany || expired) {
                replies.remove(subject);
                return false;
            }
            return true;
        }
    }

    private static boolean queueMatches(String queue, io.junction.nats.subject.MatchResult<Clause> match) {
        for (var group : match.queueGroups()) {
            if (Subjects.matches(queue, group.get(0).queue())) {
                return true;
            }
        }
        return false;
    }

    private static final class Reply {
        final long startNanos;
        int count;

        Reply(long startNanos) {
            this.startNanos = startNanos;
        }
    }

    private record Clause(String subject, String queue) implements Interest {}

    private record Clauses(SubjectIndex<Clause> index) {
        static Clauses of(java.util.List<String> entries) {
            if (entries.isEmpty()) {
                return null;
            }
            var index = new SubjectIndex<Clause>();
            for (var entry : entries) {
                var parts = entry.trim().split("\\s+", 2);
                index.insert(new Clause(parts[0], parts.length == 2 ? parts[1] : null));
            }
            return new Clauses(index);
        }
    }
}
