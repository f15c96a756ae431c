package io.junction.nats.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * A publisher faster than a subscriber that keeps reading: nats-server stalls the publisher while the subscriber
 * has more than half of max_pending queued, so the subscriber is not closed as a slow consumer.
 */
class FlowControlTest {
    private static final String QUIET = "{\"verbose\":false,\"pedantic\":false}";
    private static final int MAX_PENDING = 1024 * 1024;
    private static final int MESSAGES = 20_000;
    private static final int SIZE = 1024;

    @Test
    void keepsASubscriberThatReadsSlowerThanThePublisherByStallingThePublisher() throws Exception {
        try (var server = TestServers.start(options -> options.maxPending(MAX_PENDING));
                var publisher = RawClient.connected(server, QUIET)) {
            var subscribed = new CountDownLatch(1);
            var received = new AtomicLong();
            var reader = Thread.ofVirtual().start(() -> subscribeAndReadSlowly(server, subscribed, received));
            assertThat(subscribed.await(5, TimeUnit.SECONDS)).isTrue();
            var message = "PUB foo " + SIZE + "\r\n" + "x".repeat(SIZE) + "\r\n";
            var expected = (long) MESSAGES * ("MSG foo 1 " + SIZE + "\r\n\r\n").length() + (long) MESSAGES * SIZE;

            publisher.send(message.repeat(MESSAGES)).sync();

            await().atMost(Duration.ofSeconds(30)).until(() -> received.get() >= expected || !reader.isAlive());
            assertThat(server.stats().slowConsumers()).isZero();
            assertThat(received.get()).isEqualTo(expected);
        }
    }

    /** Subscribes on its own socket, then reads at most 64 KiB a millisecond, counting what follows its PONG. */
    private static void subscribeAndReadSlowly(NatsServer server, CountDownLatch subscribed, AtomicLong received) {
        try (var socket = new Socket("127.0.0.1", server.port())) {
            var in = socket.getInputStream();
            socket.getOutputStream()
                    .write(("CONNECT " + QUIET + "\r\nSUB foo 1\r\nPING\r\n").getBytes(StandardCharsets.US_ASCII));
            var head = new StringBuilder();
            var buffer = new byte[64 * 1024];
            for (var n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                if (subscribed.getCount() > 0) {
                    head.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
                    var pong = head.indexOf("PONG\r\n");
                    if (pong < 0) {
                        continue;
                    }
                    n = head.length() - pong - "PONG\r\n".length();
                    subscribed.countDown();
                }
                received.addAndGet(n);
                LockSupport.parkNanos(Duration.ofMillis(1).toNanos());
            }
        } catch (IOException e) {
            // The server closed the connection: reading stops and the test sees it.
        }
    }
}
