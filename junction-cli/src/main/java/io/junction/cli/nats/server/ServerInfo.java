package io.junction.cli.nats.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.junction.cli.nats.Cli;
import io.junction.cli.nats.CliException;
import io.junction.cli.nats.Fields;
import io.junction.cli.nats.Human;
import io.junction.cli.nats.JsonOutput;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nats server info}: the server's {@code /varz} from its monitoring port. The nats CLI asks the system
 * account instead, which Junction does not serve; the monitoring port has the same figures.
 */
@Command(name = "info", description = "Server information from the monitoring port's /varz")
final class ServerInfo implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = {"-m", "--monitor"},
            paramLabel = "<url>",
            description = "Monitoring URL (default: http://<server host>:8222)")
    String monitor;

    @Option(
            names = {"-j", "--json"},
            description = "The /varz JSON as the server sent it")
    boolean json;

    @Override
    public Integer call() throws Exception {
        var cli = Cli.of(spec);
        var base = monitor != null ? monitor : MonitorUrl.fromServer(cli.serverUrl());
        var varz = get(cli, base.replaceAll("/+$", "") + "/varz");
        if (json) {
            cli.println(JsonOutput.pretty(varz));
            return 0;
        }

        cli.print(render(cli, varz));
        return 0;
    }

    static JsonNode get(Cli cli, String url) {
        try (var client = HttpClient.newBuilder().connectTimeout(cli.timeout()).build()) {
            var request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(cli.timeout())
                    .build();
            var response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new CliException(url + " answered HTTP " + response.statusCode());
            }
            return new ObjectMapper().readTree(response.body());
        } catch (IOException e) {
            throw new CliException(
                    "could not read " + url + ": "
                            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()),
                    e);
        } catch (IllegalArgumentException e) {
            throw new CliException("invalid monitoring URL " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted reading " + url, e);
        }
    }

    private static String render(Cli cli, JsonNode varz) {
        var jetStream = varz.path("jetstream");
        var fields = new Fields()
                .section("Process Details")
                .add("Version", varz.path("version").asText())
                .add("Server ID", varz.path("server_id").asText())
                .add("Server Name", varz.path("server_name").asText())
                .add(
                        "Host",
                        varz.path("host").asText() + ":" + varz.path("port").asText())
                .add("Start Time", varz.path("start").asText())
                .add("Uptime", varz.path("uptime").asText())
                .section("Connection Details")
                .add(
                        "Maximum Connections",
                        Human.count(varz.path("max_connections").asLong()))
                .add("Maximum Payload", Human.bytes(varz.path("max_payload").asLong()))
                .add("Auth Required", varz.path("auth_required").asBoolean())
                .section("Usage")
                .add("Connections", Human.count(varz.path("connections").asLong()))
                .add("Subscriptions", Human.count(varz.path("subscriptions").asLong()))
                .add("Messages In", Human.count(varz.path("in_msgs").asLong()))
                .add("Messages Out", Human.count(varz.path("out_msgs").asLong()))
                .add("Bytes In", Human.bytes(varz.path("in_bytes").asLong()))
                .add("Bytes Out", Human.bytes(varz.path("out_bytes").asLong()))
                .add("Slow Consumers", Human.count(varz.path("slow_consumers").asLong()))
                .add("Memory", Human.bytes(varz.path("mem").asLong()))
                .add("CPU", varz.path("cpu").asText() + "%")
                .section("JetStream")
                .add(
                        "Enabled",
                        !jetStream.isMissingNode() && !jetStream.path("config").isMissingNode())
                .addIf(
                        jetStream.has("config"),
                        "Storage Directory",
                        jetStream.at("/config/store_dir").asText())
                .addIf(
                        jetStream.has("stats"),
                        "Memory Used",
                        Human.bytes(jetStream.at("/stats/memory").asLong()))
                .addIf(
                        jetStream.has("stats"),
                        "File Used",
                        Human.bytes(jetStream.at("/stats/storage").asLong()));
        var title = "Server information for " + varz.path("server_name").asText();
        return cli.style().bold(title) + "\n\n" + fields.render(cli.style());
    }
}
