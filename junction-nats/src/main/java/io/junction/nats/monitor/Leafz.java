package io.junction.nats.monitor;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** {@code /leafz}: Junction has no leafnode listener, so always without leafnodes. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record Leafz(String serverId, String now, int leafnodes, List<Object> leafs) {}
