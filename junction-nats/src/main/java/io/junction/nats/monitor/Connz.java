package io.junction.nats.monitor;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** {@code /connz}: one page of connections; {@code total} counts every connection in the requested state. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record Connz(
        String serverId,
        String now,
        int numConnections,
        int total,
        int offset,
        int limit,
        List<ConnInfo> connections) {}
