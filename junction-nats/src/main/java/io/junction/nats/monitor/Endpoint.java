package io.junction.nats.monitor;

/**
 * One monitoring path. Called on the monitor's event loop, one request at a time; it reads the server without
 * stopping it and may throw {@link BadRequestException} for a parameter it cannot use.
 */
@FunctionalInterface
interface Endpoint {
    MonitorResponse handle(QueryParameters query);
}
