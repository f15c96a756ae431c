package io.junction.nats.monitor;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** {@code /routez}: Junction runs standalone, so always without routes; served for pollers that expect it. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record Routez(String serverId, String now, int numRoutes, List<Object> routes) {}
