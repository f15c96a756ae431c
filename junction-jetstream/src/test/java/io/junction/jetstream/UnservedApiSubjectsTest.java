package io.junction.jetstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.junction.nats.server.NatsServer;
import io.junction.nats.server.ServerOptions;
import io.nats.client.JetStreamOptions;
import io.nats.client.Nats;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * nats-server's JetStream subscribes to all of {@code $JS.API.>}: a request to an API subject it does not serve gets
 * no reply at all, not the no-responders status by which clients tell that JetStream is off. Its import of the API
 * passes over direct gets and pull requests, so those still get no responders when no stream or consumer serves them.
 */
class UnservedApiSubjectsTest {
    private static final Duration QUIET = Duration.ofMillis(700);

    @TempDir
    Path storeDir;

    @Test
    void leavesRequestsToApiSubjectsItDoesNotServeWithoutAReply() throws Exception {
        try (var server = JetStreamServer.start(storeDir);
                var connection = Nats.connect(server.url())) {
            for (var subject :
                    new String[] {"$JS.API.FOO.BAR", "$JS.API.STREAM.INFO", "$JS.API.STREAM.TEMPLATE.NAMES"}) {
                var reply = connection.request(subject, new byte[0]);

                assertThat(reply).as(subject).failsWithin(QUIET).withThrowableOfType(TimeoutException.class);
            }
            var served = connection.request("$JS.API.STREAM.NAMES", new byte[0], Duration.ofSeconds(5));
            assertThat(new String(served.getData(), StandardCharsets.UTF_8)).contains("stream_names_response");
        }
    }

    @Test
    void answersNoRespondersToDirectGetsAndPullRequestsNothingServes() throws Exception {
        try (var server = JetStreamServer.start(storeDir);
                var connection = Nats.connect(server.url())) {
            var directGet =
                    connection.request("$JS.API.DIRECT.GET.NOPE", "{\"seq\":1}".getBytes(StandardCharsets.UTF_8));
            var pull = connection.request("$JS.API.CONSUMER.MSG.NEXT.NOPE.C", "{}".getBytes(StandardCharsets.UTF_8));

            // jnats cancels a request at once when the server reports no responders
            assertThat(directGet).failsWithin(QUIET).withThrowableOfType(CancellationException.class);
            assertThat(pull).failsWithin(QUIET).withThrowableOfType(CancellationException.class);
        }
    }

    @Test
    void jnatsStillSeesJetStreamOffOnAServerWithoutIt() throws Exception {
        var server = new NatsServer(ServerOptions.builder()
                .host("127.0.0.1")
                .port(ServerOptions.RANDOM_PORT)
                .build());
        server.start();
        try (var connection = Nats.connect(server.clientUrl())) {
            var options = JetStreamOptions.builder()
                    .requestTimeout(Duration.ofSeconds(5))
                    .build();
            var started = System.nanoTime();

            assertThatThrownBy(() -> connection.jetStreamManagement(options).getAccountStatistics())
                    .hasMessageContaining("no response");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        } finally {
            server.close();
        }
    }
}
