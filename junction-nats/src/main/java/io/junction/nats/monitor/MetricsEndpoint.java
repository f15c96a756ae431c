package io.junction.nats.monitor;

import io.junction.nats.server.NatsServer;
import io.junction.nats.server.ServerStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.function.ToDoubleFunction;

/**
 * {@code /metrics}: the {@code /varz} counters in Prometheus's text format, named {@code junction_nats_*}:
 *
 * <ul>
 *   <li>gauges {@code junction_nats_connections}, {@code junction_nats_subscriptions} and
 *       {@code junction_nats_mem_bytes} (resident memory);
 *   <li>counters {@code junction_nats_connections_accepted_total}, {@code junction_nats_in_msgs_total},
 *       {@code junction_nats_out_msgs_total}, {@code junction_nats_in_bytes_total},
 *       {@code junction_nats_out_bytes_total} and {@code junction_nats_slow_consumers_total}.
 * </ul>
 *
 * <p>Each scrape takes one snapshot of the server's counters, so the figures of one scrape agree with each other.
 */
final class MetricsEndpoint implements Endpoint, AutoCloseable {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final String PREFIX = "junction.nats.";

    private final NatsServer server;
    private final ProcessUsage usage;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private ServerStats stats;

    MetricsEndpoint(NatsServer server, ProcessUsage usage) {
        this.server = server;
        this.usage = usage;
        this.stats = server.stats();
        gauge("connections", "Open client connections", ServerStats::connections);
        gauge("subscriptions", "Subscriptions in the subject index", ServerStats::subscriptions);
        Gauge.builder(PREFIX + "mem", usage, ProcessUsage::residentMemoryBytes)
                .description("Resident memory of the process")
                .baseUnit("bytes")
                .strongReference(true)
                .register(registry);
        counter("connections.accepted", "Client connections accepted", null, ServerStats::totalConnections);
        counter("in.msgs", "Messages received from clients", null, ServerStats::inMsgs);
        counter("out.msgs", "Messages delivered to clients", null, ServerStats::outMsgs);
        counter("in", "Message bytes received from clients", "bytes", ServerStats::inBytes);
        counter("out", "Message bytes delivered to clients", "bytes", ServerStats::outBytes);
        counter("slow.consumers", "Slow consumers detected", null, ServerStats::slowConsumers);
    }

    @Override
    public synchronized MonitorResponse handle(QueryParameters query) {
        stats = server.stats();
        return new MonitorResponse(200, CONTENT_TYPE, registry.scrape().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        registry.close();
    }

    private void gauge(String name, String description, ToDoubleFunction<ServerStats> value) {
        Gauge.builder(PREFIX + name, this, endpoint -> value.applyAsDouble(endpoint.stats))
                .description(description)
                .strongReference(true)
                .register(registry);
    }

    private void counter(String name, String description, String unit, ToDoubleFunction<ServerStats> value) {
        FunctionCounter.builder(PREFIX + name, this, endpoint -> value.applyAsDouble(endpoint.stats))
                .description(description)
                .baseUnit(unit)
                .register(registry);
    }
}
