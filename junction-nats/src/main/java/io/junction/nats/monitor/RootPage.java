package io.junction.nats.monitor;

import io.junction.nats.server.ServerInfoFactory;
import java.nio.charset.StandardCharsets;

/** {@code /}: an index of the monitoring endpoints, for a person with a browser. */
final class RootPage implements Endpoint {
    private static final String TEMPLATE = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>Junction monitoring</title>
            <style>
              body { font-family: system-ui, sans-serif; margin: 2rem; }
              a { display: block; padding: 0.2rem 0; }
            </style>
            </head>
            <body>
            <h1>Junction</h1>
            <p>Junction %s, serving the NATS client protocol of nats-server %s.</p>
            <a href="./varz">General</a>
            <a href="./connz">Connections</a>
            <a href="./subsz">Subscriptions</a>
            <a href="./routez">Routes</a>
            <a href="./leafz">Leafnodes</a>
            <a href="./healthz">Health probe</a>
            <a href="./metrics">Prometheus metrics</a>
            <p><a href="https://docs.nats.io/running-a-nats-service/nats_admin/monitoring">About these endpoints</a></p>
            </body>
            </html>
            """;

    private final byte[] page = TEMPLATE.formatted(ServerInfoFactory.JUNCTION_VERSION, ServerInfoFactory.NATS_VERSION)
            .getBytes(StandardCharsets.UTF_8);

    @Override
    public MonitorResponse handle(QueryParameters query) {
        return new MonitorResponse(200, MonitorResponse.HTML, page);
    }
}
