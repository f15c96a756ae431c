package io.junction.nats.monitor;

import io.junction.nats.server.ConnectionInfo;
import io.junction.nats.server.NatsServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code /connz}: open and recently closed connections, filtered, sorted and paged as nats-server does it. Only the
 * requested page is turned into JSON, so a small page stays cheap with many connections.
 */
final class ConnzEndpoint implements Endpoint {
    private static final String KIND = "Client";
    private static final String TYPE = "nats";

    private final NatsServer server;

    ConnzEndpoint(NatsServer server) {
        this.server = server;
    }

    @Override
    public MonitorResponse handle(QueryParameters query) {
        return MonitorResponse.json(connz(ConnzOptions.parse(query)));
    }

    Connz connz(ConnzOptions options) {
        var now = Instant.now();
        var open = options.state().includesOpen()
                ? server.connections(options.subscriptions())
                : List.<ConnectionInfo>of();
        var closed = options.state().includesClosed() ? server.closedConnections() : List.<ConnectionInfo>of();
        var matching = Stream.concat(open.stream(), closed.stream())
                .filter(info -> matches(info, options))
                .sorted(options.sort().comparator(now))
                .toList();
        var from = Math.min(options.offset(), matching.size());
        var to = (int) Math.min((long) options.offset() + options.limit(), matching.size());
        var details = options.subscriptionsDetail() ? detailsByCid() : Map.<Long, List<SubDetail>>of();
        var page = matching.subList(from, to).stream()
                .map(info -> connInfo(info, options, now, details))
                .toList();

        return new Connz(
                server.serverId(),
                GoFormat.time(now),
                page.size(),
                open.size() + closed.size(),
                options.offset(),
                options.limit(),
                page);
    }

    private static boolean matches(ConnectionInfo info, ConnzOptions options) {
        return (options.cid() == 0 || info.cid() == options.cid())
                && (options.user().isEmpty() || options.user().equals(info.authorizedUser()))
                && (options.account().isEmpty() || options.account().equals(SubDetail.GLOBAL_ACCOUNT))
                && options.mqttClient().isEmpty();
    }

    private Map<Long, List<SubDetail>> detailsByCid() {
        return server.subscriptionDetails().stream()
                .map(detail -> SubDetail.of(detail, null))
                .collect(Collectors.groupingBy(SubDetail::cid));
    }

    private static ConnInfo connInfo(
            ConnectionInfo info, ConnzOptions options, Instant now, Map<Long, List<SubDetail>> details) {
        var end = ConnzSort.end(info, now);
        var closed = info.stop() != null;

        return new ConnInfo(
                info.cid(),
                KIND,
                TYPE,
                info.ip() == null ? "" : info.ip(),
                info.port(),
                GoFormat.time(info.start()),
                GoFormat.time(info.lastActivity()),
                closed ? GoFormat.time(info.stop()) : null,
                info.reason(),
                GoFormat.duration(info.rttNanos()),
                GoFormat.uptime(Duration.between(info.start(), end)),
                GoFormat.uptime(Duration.between(info.lastActivity(), end)),
                info.pendingBytes(),
                info.inMsgs(),
                info.outMsgs(),
                info.inBytes(),
                info.outBytes(),
                info.subscriptionCount(),
                info.name(),
                info.lang(),
                info.version(),
                options.auth() ? info.authorizedUser() : null,
                options.subscriptions() ? info.subscriptions() : List.of(),
                options.subscriptionsDetail() ? detail(info, details) : List.of());
    }

    /** Closed connections keep their subjects only, so their detail carries subject and cid. */
    private static List<SubDetail> detail(ConnectionInfo info, Map<Long, List<SubDetail>> openDetails) {
        if (info.stop() == null) {
            return openDetails.getOrDefault(info.cid(), List.of());
        }

        return info.subscriptions().stream()
                .map(subject -> SubDetail.ofClosed(info.cid(), subject))
                .toList();
    }
}
