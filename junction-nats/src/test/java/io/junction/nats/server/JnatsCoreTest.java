package io.junction.nats.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.impl.Headers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The core protocol as the official Java client uses it, over real sockets. */
class JnatsCoreTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private NatsServer server;
    private final List<Connection> connections = new ArrayList<>();

    @BeforeEach
    void startServer() {
        server = TestServers.start();
    }

    @AfterEach
    void stopServer() throws InterruptedException {
        for (var connection : connections) {
            connection.close();
        }
        server.close();
    }

    private Connection connect() throws IOException, InterruptedException {
        return connect(new Options.Builder());
    }

    private Connection connect(Options.Builder options) throws IOException, InterruptedException {
        var connection = Nats.connect(options.server(server.clientUrl()).build());
        connections.add(connection);
        return connection;
    }

    @Test
    void reportsTheClientNameLanguageAndVersionFromConnect() throws Exception {
        connect(new Options.Builder().connectionName("orders-service"));

        var info = server.connections(false).getFirst();

        assertThat(info.name()).isEqualTo("orders-service");
        assertThat(info.lang()).isEqualTo("java");
        assertThat(info.version()).isNotBlank();
    }

    @Test
    void seesTheServerInfoItReads() throws Exception {
        var connection = connect();

        var info = connection.getServerInfo();

        assertThat(info.getServerId()).startsWith("N").hasSize(56);
        assertThat(info.getVersion()).isEqualTo("2.10.29");
        assertThat(info.isHeadersSupported()).isTrue();
        assertThat(info.getMaxPayload()).isEqualTo(1024 * 1024);
        assertThat(info.getProtocolVersion()).isEqualTo(1);
    }

    @Test
    void deliversPublishedBytesIntactToASubscriber() throws Exception {
        var subscriber = connect();
        var publisher = connect();
        var subscription = subscriber.subscribe("orders.created");
        subscriber.flush(WAIT);
        var payload = new byte[70_000];
        new java.util.Random(7).nextBytes(payload);

        publisher.publish("orders.created", payload);

        var message = subscription.nextMessage(WAIT);
        assertThat(message.getSubject()).isEqualTo("orders.created");
        assertThat(message.getData()).isEqualTo(payload);
    }

    @Test
    void matchesSingleAndFullWildcards() throws Exception {
        var subscriber = connect();
        var star = subscriber.subscribe("orders.*");
        var full = subscriber.subscribe("orders.>");
        subscriber.flush(WAIT);
        var publisher = connect();

        for (var subject : List.of("orders.created", "orders.eu.created", "orders", "payments.created")) {
            publisher.publish(subject, subject.getBytes(StandardCharsets.UTF_8));
        }
        publisher.flush(WAIT);

        assertThat(receiveAll(star)).containsExactly("orders.created");
        assertThat(receiveAll(full)).containsExactly("orders.created", "orders.eu.created");
    }

    @Test
    void givesEachMessageToOneMemberOfEachQueueGroupSpreadAcrossMembers() throws Exception {
        var counts = new ConcurrentHashMap<String, AtomicInteger>();
        var total = new AtomicInteger();
        for (var member = 0; member < 4; member++) {
            var name = "member-" + member;
            var connection = connect();
            var dispatcher = connection.createDispatcher(message -> {
                counts.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
                total.incrementAndGet();
            });
            dispatcher.subscribe("work", "workers");
            connection.flush(WAIT);
        }
        var plainConnection = connect();
        var plain = plainConnection.subscribe("work");
        plainConnection.flush(WAIT);
        var publisher = connect();

        for (var i = 0; i < 400; i++) {
            publisher.publish("work", new byte[] {(byte) i});
        }
        publisher.flush(WAIT);

        await().atMost(WAIT).until(() -> total.get() == 400);
        assertThat(receiveAll(plain)).hasSize(400);
        assertThat(counts).hasSize(4);
        assertThat(counts.values()).allSatisfy(count -> assertThat(count.get()).isBetween(40, 160));
        Thread.sleep(100);
        assertThat(total.get()).isEqualTo(400);
    }

    @Test
    void repliesToRequestsThroughUniqueInboxes() throws Exception {
        var responder = connect();
        responder
                .createDispatcher(message -> responder.publish(message.getReplyTo(), reversed(message.getData())))
                .subscribe("service.echo");
        responder.flush(WAIT);
        var requester = connect();

        var futures = new ArrayList<java.util.concurrent.CompletableFuture<Message>>();
        for (var i = 0; i < 50; i++) {
            futures.add(requester.request("service.echo", ("req-" + i).getBytes(StandardCharsets.UTF_8)));
        }

        for (var i = 0; i < 50; i++) {
            var reply = futures.get(i).get(5, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(new String(reply.getData(), StandardCharsets.UTF_8))
                    .isEqualTo(new StringBuilder("req-" + i).reverse().toString());
        }
    }

    @Test
    void repliesThroughOldStyleInboxesToo() throws Exception {
        var responder = connect();
        responder
                .createDispatcher(message -> responder.publish(message.getReplyTo(), message.getData()))
                .subscribe("service.echo");
        responder.flush(WAIT);
        var requester = connect(new Options.Builder().oldRequestStyle());

        var reply = requester.request("service.echo", "hi".getBytes(StandardCharsets.UTF_8), WAIT);

        assertThat(reply).isNotNull();
        assertThat(reply.getData()).isEqualTo("hi".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void failsARequestWithNoRespondersAtOnce() throws Exception {
        var requester = connect();

        var future = requester.request("nobody.listens", new byte[0]);

        // jnats cancels the request future when the server answers with status 503; a timeout would differ.
        assertThatThrownBy(() -> future.get(2, java.util.concurrent.TimeUnit.SECONDS))
                .isInstanceOf(CancellationException.class);
    }

    @Test
    void carriesHeadersWithRepeatedKeysAndCase() throws Exception {
        var subscriber = connect();
        var subscription = subscriber.subscribe("with.headers");
        subscriber.flush(WAIT);
        var headers =
                new Headers().add("Trace-Id", "abc").add("Multi", "one", "two").add("lower-case", "x");

        connect().publish("with.headers", headers, "body".getBytes(StandardCharsets.UTF_8));

        var message = subscription.nextMessage(WAIT);
        assertThat(message.hasHeaders()).isTrue();
        assertThat(message.getHeaders().get("Trace-Id")).containsExactly("abc");
        assertThat(message.getHeaders().get("Multi")).containsExactly("one", "two");
        assertThat(message.getHeaders().get("lower-case")).containsExactly("x");
        assertThat(message.getData()).isEqualTo("body".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void doesNotEchoOwnMessagesWhenAskedNotTo() throws Exception {
        var quiet = connect(new Options.Builder().noEcho());
        var own = quiet.subscribe("chat");
        var listener = connect();
        var other = listener.subscribe("chat");
        quiet.flush(WAIT);
        listener.flush(WAIT);

        quiet.publish("chat", "hello".getBytes(StandardCharsets.UTF_8));
        quiet.flush(WAIT);

        assertThat(other.nextMessage(WAIT)).isNotNull();
        assertThat(own.nextMessage(Duration.ofMillis(200))).isNull();
    }

    @Test
    void unsubscribesAutomaticallyAfterTheGivenCount() throws Exception {
        var subscriber = connect();
        var subscription = subscriber.subscribe("ticks");
        subscription.unsubscribe(3);
        subscriber.flush(WAIT);
        var publisher = connect();

        for (var i = 0; i < 10; i++) {
            publisher.publish("ticks", new byte[] {(byte) i});
        }
        publisher.flush(WAIT);

        assertThat(receiveAll(subscription)).hasSize(3);
        await().atMost(WAIT).until(() -> server.index().count() == 0);
    }

    @Test
    void drainsPendingMessagesBeforeClosing() throws Exception {
        var subscriber = connect();
        var received = new AtomicInteger();
        subscriber.createDispatcher(message -> received.incrementAndGet()).subscribe("drain.me");
        subscriber.flush(WAIT);
        var publisher = connect();
        for (var i = 0; i < 1000; i++) {
            publisher.publish("drain.me", new byte[16]);
        }
        publisher.flush(WAIT);

        var drained = subscriber.drain(WAIT);

        assertThat(drained.get(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(received.get()).isEqualTo(1000);
        assertThat(subscriber.getStatus()).isEqualTo(Connection.Status.CLOSED);
    }

    @Test
    void reconnectsAndResubscribesAfterTheServerRestarts() throws Exception {
        var port = server.port();
        var subscriber = connect(new Options.Builder().maxReconnects(-1).reconnectWait(Duration.ofMillis(50)));
        var subscription = subscriber.subscribe("after.restart");
        subscriber.flush(WAIT);

        server.close();
        server = TestServers.start(options -> options.port(port));
        await().atMost(WAIT).until(() -> subscriber.getStatus() == Connection.Status.CONNECTED);
        subscriber.flush(WAIT);
        connect().publish("after.restart", "back".getBytes(StandardCharsets.UTF_8));

        var message = subscription.nextMessage(WAIT);
        assertThat(message).isNotNull();
        assertThat(message.getData()).isEqualTo("back".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void refusesJetStreamCallsAsAServerWithoutJetStream() throws Exception {
        var connection = connect();

        assertThatThrownBy(() -> connection.jetStreamManagement().getAccountStatistics())
                .isInstanceOfAny(IOException.class, JetStreamApiException.class, IllegalStateException.class);
    }

    private static List<String> receiveAll(io.nats.client.Subscription subscription) throws InterruptedException {
        var subjects = new ArrayList<String>();
        Message message;
        while (subscription.isActive() && (message = subscription.nextMessage(Duration.ofMillis(300))) != null) {
            subjects.add(message.getSubject());
        }
        return subjects;
    }

    private static byte[] reversed(byte[] data) {
        var out = new byte[data.length];
        for (var i = 0; i < data.length; i++) {
            out[i] = data[data.length - 1 - i];
        }
        return out;
    }
}
