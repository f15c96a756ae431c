package io.junction.nats.monitor;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** {@code /subsz?subs=1} with a non-empty page: the index's counters inline, then the page of subscriptions. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record Subsz(
        String serverId,
        String now,
        @JsonUnwrapped SublistStats stats,
        int total,
        int offset,
        int limit,
        @JsonInclude(Include.NON_EMPTY) List<SubDetail> subscriptionsList) {}
