package io.junction.nats.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.junction.nats.server.NatsServer;
import io.junction.nats.server.ServerOptions;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A real server on random ports with its monitor, real jnats clients, and a real HTTP client to query it. */
final class MonitoredServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final NatsServer server;
    private final MonitorServer monitor;
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Connection> clients = new ArrayList<>();

    MonitoredServer() {
        this(ServerOptions.builder().port(-1).httpPort(-1));
    }

    MonitoredServer(ServerOptions.Builder options) {
        server = new NatsServer(options.build());
        server.start();
        monitor = MonitorServer.start(server);
    }

    NatsServer server() {
        return server;
    }

    MonitorServer monitor() {
        return monitor;
    }

    Connection connect(String name) throws IOException, InterruptedException {
        var options = new Options.Builder()
                .server(server.clientUrl())
                .connectionName(name)
                .noReconnect()
                .build();
        var connection = Nats.connect(options);
        clients.add(connection);
        return connection;
    }

    HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create(monitor.url() + pathAndQuery))
                .timeout(Duration.ofSeconds(10))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** GETs the path, insists on a 200 JSON answer and parses it. */
    JsonNode json(String pathAndQuery) throws IOException, InterruptedException {
        var response = get(pathAndQuery);
        if (response.statusCode() != 200) {
            throw new AssertionError(
                    "GET " + pathAndQuery + " answered " + response.statusCode() + ": " + response.body());
        }
        if (!response.headers().firstValue("content-type").orElse("").equals("application/json")) {
            throw new AssertionError("GET " + pathAndQuery + " is not JSON: " + response.headers());
        }
        return JSON.readTree(response.body());
    }

    /** {@link #json} for use inside Awaitility, where checked exceptions get in the way. */
    JsonNode poll(String pathAndQuery) {
        try {
            return json(pathAndQuery);
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (var client : clients) {
            client.close();
        }
        server.close();
        http.close();
    }
}
