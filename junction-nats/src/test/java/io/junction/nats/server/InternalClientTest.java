package io.junction.nats.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nats.client.Nats;
import io.nats.client.impl.Headers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Subscribing and publishing from inside the server, as JetStream's API will. */
class InternalClientTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void receivesClientPublishesWithHeadersAndReply() throws Exception {
        var received = new CopyOnWriteArrayList<String>();
        try (var server = TestServers.start();
                var subscription = server.subscribe(
                        "svc.>",
                        null,
                        (subject, reply, headers, payload) -> received.add(subject + "|" + reply + "|"
                                + (headers == null ? "-" : new String(headers)) + "|" + new String(payload)));
                var client = Nats.connect(server.clientUrl())) {
            client.publish("svc.a", "r.1", new Headers().add("K", "v"), "one".getBytes(StandardCharsets.UTF_8));
            client.publish("svc.b", "two".getBytes(StandardCharsets.UTF_8));
            client.flush(WAIT);

            await().atMost(WAIT).until(() -> received.size() == 2);
            assertThat(received).containsExactly("svc.a|r.1|NATS/1.0\r\nK:v\r\n\r\n|one", "svc.b|null|-|two");
            assertThat(subscription.subject()).isEqualTo("svc.>");
        }
    }

    @Test
    void answersRequestsFromInsideTheServer() throws Exception {
        try (var server = TestServers.start()) {
            server.subscribe(
                    "time.now",
                    null,
                    (subject, reply, headers, payload) ->
                            server.publish(reply, null, null, "noon".getBytes(StandardCharsets.UTF_8)));
            try (var client = Nats.connect(server.clientUrl())) {
                var answer = client.request("time.now", new byte[0], WAIT);

                assertThat(answer).isNotNull();
                assertThat(new String(answer.getData(), StandardCharsets.UTF_8)).isEqualTo("noon");
            }
        }
    }

    @Test
    void publishesWithHeadersToClientSubscriptionsAndStopsAfterClose() throws Exception {
        var received = new CopyOnWriteArrayList<String>();
        try (var server = TestServers.start();
                var client = Nats.connect(server.clientUrl())) {
            var clientSub = client.subscribe("events.>");
            client.flush(WAIT);
            var internal = server.subscribe("events.>", null, (s, r, h, p) -> received.add(s));

            var headers = "NATS/1.0\r\nA: 1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            assertThat(server.publish("events.x", null, headers, "p".getBytes(StandardCharsets.UTF_8)))
                    .isTrue();
            internal.close();
            server.publish("events.y", null, null, new byte[0]);

            var first = clientSub.nextMessage(WAIT);
            assertThat(first.getHeaders().get("A")).isEqualTo(List.of("1"));
            assertThat(clientSub.nextMessage(WAIT).getSubject()).isEqualTo("events.y");
            assertThat(received).containsExactly("events.x");
        }
    }

    @Test
    void passesOverTheSubjectsItsPredicateRefusesSoThatTheirRequestsHaveNoResponders() throws Exception {
        var received = new CopyOnWriteArrayList<String>();
        try (var server = TestServers.start();
                var subscription = server.subscribe(
                        "api.>", null, subject -> !subject.startsWith("api.skip."), (s, r, h, p) -> received.add(s));
                var client = Nats.connect(server.clientUrl())) {
            var refused = client.request("api.skip.x", new byte[0]);
            client.publish("api.take", new byte[0]);
            client.flush(WAIT);

            // jnats cancels a request at once when the server reports no responders
            assertThat(refused).failsWithin(WAIT).withThrowableOfType(CancellationException.class);
            await().atMost(WAIT).until(() -> received.size() == 1);
            assertThat(received).containsExactly("api.take");
        }
    }
}
