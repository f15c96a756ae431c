package io.junction.nats.monitor;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * One connection in {@code /connz}: nats-server's {@code ConnInfo}. {@code stop} and {@code reason} appear only
 * for closed connections, {@code authorized_user} only with {@code auth=1}, and the subscription lists only when
 * asked for with {@code subs=1} or {@code subs=detail}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record ConnInfo(
        long cid,
        String kind,
        String type,
        String ip,
        int port,
        String start,
        String lastActivity,
        @JsonInclude(Include.NON_NULL) String stop,
        @JsonInclude(Include.NON_EMPTY) String reason,
        @JsonInclude(Include.NON_EMPTY) String rtt,
        String uptime,
        String idle,
        long pendingBytes,
        long inMsgs,
        long outMsgs,
        long inBytes,
        long outBytes,
        int subscriptions,
        @JsonInclude(Include.NON_EMPTY) String name,
        @JsonInclude(Include.NON_EMPTY) String lang,
        @JsonInclude(Include.NON_EMPTY) String version,
        @JsonInclude(Include.NON_EMPTY) String authorizedUser,
        @JsonInclude(Include.NON_EMPTY) List<String> subscriptionsList,
        @JsonInclude(Include.NON_EMPTY) List<SubDetail> subscriptionsListDetail) {}
