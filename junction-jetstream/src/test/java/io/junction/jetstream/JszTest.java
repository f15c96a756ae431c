package io.junction.jetstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.jetstream.api.Json;
import io.junction.nats.monitor.MonitorServer;
import io.junction.nats.server.NatsServer;
import io.junction.nats.server.ServerOptions;
import io.nats.client.Nats;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.StreamConfiguration;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /jsz} on the monitoring port reports JetStream's usage. */
class JszTest {
    @TempDir
    Path storeDir;

    @Test
    void reportsStreamsMessagesAndTheStoreDirectory() throws Exception {
        var server = start(new JetStreamConfig(storeDir, -1, -1));
        try (var connection = Nats.connect(server.clientUrl())) {
            var monitor = MonitorServer.start(server);
            connection
                    .jetStreamManagement()
                    .addStream(StreamConfiguration.builder()
                            .name("S")
                            .subjects("s")
                            .build());
            connection.jetStream().publish("s", new byte[10]);

            var body = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(monitor.url() + "/jsz"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofByteArray())
                    .body();

            var jsz = Json.parseObject(body);
            assertThat(jsz.path("streams").asInt()).isEqualTo(1);
            assertThat(jsz.path("messages").asInt()).isEqualTo(1);
            assertThat(jsz.path("storage").asLong()).isPositive();
            assertThat(jsz.path("config").path("store_dir").asText()).endsWith("jetstream");
            assertThat(jsz.path("server_id").asText()).isEqualTo(server.serverId());
            assertThat(new String(body, java.nio.charset.StandardCharsets.UTF_8))
                    .contains("\"streams\": 1");
            var varz = Json.parseObject(HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(monitor.url() + "/varz"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofByteArray())
                    .body());
            assertThat(varz.path("jetstream").path("config").path("store_dir").asText())
                    .endsWith("jetstream");
            assertThat(varz.path("jetstream").path("stats").path("storage").asLong())
                    .isPositive();
        } finally {
            server.close();
        }
    }

    @Test
    void namesTheDomainInTheConfigOfJszAndVarz() throws Exception {
        var server = start(new JetStreamConfig(storeDir, -1, -1, null, "hub"));
        try {
            var monitor = MonitorServer.start(server);

            var jsz = Json.parseObject(get(monitor.url() + "/jsz"));
            var varz = Json.parseObject(get(monitor.url() + "/varz"));

            assertThat(jsz.path("config").path("domain").asText()).isEqualTo("hub");
            assertThat(varz.path("jetstream").path("config").path("domain").asText())
                    .isEqualTo("hub");
        } finally {
            server.close();
        }
    }

    @Test
    void writesTheConfigAsNatsServer210WithItsLimitsSyncAndCompression() throws Exception {
        var fsyncEveryAck = start(new JetStreamConfig(storeDir, 1_000_000, 10_000_000));
        var interval = start(new JetStreamConfig(storeDir.resolve("other"), -1, -1, java.time.Duration.ofSeconds(2)));
        try {
            var always = Json.parseObject(get(MonitorServer.start(fsyncEveryAck).url() + "/jsz"))
                    .path("config");
            var every = Json.parseObject(get(MonitorServer.start(interval).url() + "/jsz"))
                    .path("config");

            assertThat(always.path("max_memory").asLong()).isEqualTo(1_000_000);
            assertThat(always.path("max_storage").asLong()).isEqualTo(10_000_000);
            assertThat(always.path("sync_interval").asLong()).isEqualTo(120_000_000_000L);
            assertThat(always.path("sync_always").asBoolean()).isTrue();
            assertThat(always.path("compress_ok").asBoolean()).isTrue();
            assertThat(every.path("sync_interval").asLong()).isEqualTo(2_000_000_000L);
            assertThat(every.has("sync_always")).isFalse();
            assertThat(every.path("max_memory").asLong()).isPositive();
            assertThat(every.path("max_storage").asLong()).isPositive();
        } finally {
            fsyncEveryAck.close();
            interval.close();
        }
    }

    @Test
    void detailsTheAccountItsStreamsAndConsumersWhenAsked() throws Exception {
        var server = start(new JetStreamConfig(storeDir, -1, -1));
        try (var connection = Nats.connect(server.clientUrl())) {
            var monitor = MonitorServer.start(server);
            var jsm = connection.jetStreamManagement();
            jsm.addStream(
                    StreamConfiguration.builder().name("S").subjects("s.>").build());
            connection.jetStream().publish("s.a", new byte[3]);
            jsm.addOrUpdateConsumer(
                    "S", ConsumerConfiguration.builder().durable("C").build());

            var plain = Json.parseObject(get(monitor.url() + "/jsz"));
            var accounts = Json.parseObject(get(monitor.url() + "/jsz?accounts=true"));
            var consumers = Json.parseObject(get(monitor.url() + "/jsz?consumers=1"));
            var configs = Json.parseObject(get(monitor.url() + "/jsz?acc=$G&consumers=true&config=true"));
            var pastTheAccount = Json.parseObject(get(monitor.url() + "/jsz?streams=true&offset=1"));
            var otherAccount = Json.parseObject(get(monitor.url() + "/jsz?acc=OTHER&streams=true"));
            var badBoolean = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(monitor.url() + "/jsz?leader-only=maybe"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());

            assertThat(plain.has("account_details")).isFalse();
            assertThat(plain.path("total").asInt()).isEqualTo(1);
            assertThat(plain.path("reserved_storage").isNumber()).isTrue();
            var account = accounts.path("account_details").path(0);
            assertThat(account.path("name").asText()).isEqualTo("$G");
            assertThat(account.path("storage").asLong()).isPositive();
            assertThat(account.path("reserved_storage").asText()).isEqualTo("18446744073709551615");
            assertThat(account.has("stream_detail")).isFalse();
            var stream = consumers
                    .path("account_details")
                    .path(0)
                    .path("stream_detail")
                    .path(0);
            assertThat(stream.path("name").asText()).isEqualTo("S");
            assertThat(stream.path("state").path("messages").asInt()).isEqualTo(1);
            assertThat(stream.has("config")).isFalse();
            var consumer = stream.path("consumer_detail").path(0);
            assertThat(consumer.path("name").asText()).isEqualTo("C");
            assertThat(consumer.path("num_pending").asInt()).isEqualTo(1);
            assertThat(consumer.has("config")).isFalse();
            var configured = configs.path("account_details")
                    .path(0)
                    .path("stream_detail")
                    .path(0);
            assertThat(configured.path("config").path("subjects").path(0).asText())
                    .isEqualTo("s.>");
            assertThat(configured
                            .path("consumer_detail")
                            .path(0)
                            .path("config")
                            .path("durable_name")
                            .asText())
                    .isEqualTo("C");
            assertThat(pastTheAccount.has("account_details")).isFalse();
            assertThat(otherAccount.has("account_details")).isFalse();
            assertThat(badBoolean.statusCode()).isEqualTo(400);
            assertThat(badBoolean.body())
                    .isEqualTo("Error decoding boolean for 'leader-only': strconv.ParseBool: parsing \"maybe\": "
                            + "invalid syntax");
        } finally {
            server.close();
        }
    }

    /** A server with JetStream and the monitoring port, both on free ports. */
    private static NatsServer start(JetStreamConfig config) {
        var options = ServerOptions.builder()
                .host("127.0.0.1")
                .port(-1)
                .httpHost("127.0.0.1")
                .httpPort(-1)
                .build();
        var server = new NatsServer(options);
        var jetStream = new JetStream(server, config);
        jetStream.start();
        server.addCompanion(jetStream);
        server.start();
        return server;
    }

    private static byte[] get(String url) throws Exception {
        return HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray())
                .body();
    }
}
