package io.junction.nats.monitor;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;

/** {@code /healthz}: {@code ok}, or why not with the HTTP status nats-server uses for it. */
record HealthStatus(
        String status, @JsonInclude(Include.NON_EMPTY) String error) {
    static final HealthStatus OK = new HealthStatus("ok", null);

    boolean isOk() {
        return error == null;
    }
}
