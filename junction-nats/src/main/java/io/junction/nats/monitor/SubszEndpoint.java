package io.junction.nats.monitor;

import io.junction.nats.server.NatsServer;
import io.junction.nats.subject.Subjects;
import java.time.Instant;
import java.util.List;

/**
 * {@code /subsz}: the subject index's counters, and with {@code subs=1} a page of subscriptions, optionally only
 * those a message published to the literal subject {@code test} would reach. Like nats-server, it answers the bare
 * counters whenever the page is empty.
 */
final class SubszEndpoint implements Endpoint {
    private static final int DEFAULT_LIMIT = 1024;

    private final NatsServer server;

    SubszEndpoint(NatsServer server) {
        this.server = server;
    }

    @Override
    public MonitorResponse handle(QueryParameters query) {
        var listed = query.bool("subs");
        var offset = Math.max(query.integer("offset"), 0);
        var limit = query.integer("limit") <= 0 ? DEFAULT_LIMIT : query.integer("limit");
        var test = query.string("test");
        var account = query.string("acc");
        if (!test.isEmpty() && !Subjects.isValidLiteralSubject(test)) {
            throw new BadRequestException("invalid test subject, must be valid publish subject: " + test);
        }
        var inAccount = account.isEmpty() || account.equals(SubDetail.GLOBAL_ACCOUNT);
        var stats = inAccount ? SublistStats.of(server.index().stats()) : SublistStats.EMPTY;
        if (!listed || !inAccount) {
            return MonitorResponse.json(stats);
        }

        var matching = matching(test);
        var from = Math.min(offset, matching.size());
        var to = (int) Math.min((long) offset + limit, matching.size());
        var page = matching.subList(from, to);
        if (page.isEmpty()) {
            return MonitorResponse.json(stats);
        }
        var now = GoFormat.time(Instant.now());

        return MonitorResponse.json(new Subsz(server.serverId(), now, stats, matching.size(), offset, limit, page));
    }

    private List<SubDetail> matching(String test) {
        return server.subscriptionDetails().stream()
                .filter(detail -> test.isEmpty() || Subjects.matches(test, detail.subject()))
                .map(detail -> SubDetail.of(detail, SubDetail.GLOBAL_ACCOUNT))
                .toList();
    }
}
