package io.junction.nats.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Closing the server, as on SIGTERM: clients get what they were owed before their connections close. */
class ShutdownTest {
    private static final String QUIET = "{\"verbose\":false,\"pedantic\":false}";
    private static final int MESSAGES = 2000;
    private static final int SIZE = 10_000;

    @Test
    void writesEveryAcceptedMessageToItsSubscriberBeforeClosing() {
        var server = TestServers.start();
        try (var subscriber = RawClient.connected(server, QUIET);
                var publisher = RawClient.connected(server, QUIET)) {
            subscriber.send("SUB foo 1\r\n").sync();
            subscriber.clear();
            var message = "PUB foo " + SIZE + "\r\n" + "x".repeat(SIZE) + "\r\n";
            publisher.send(message.repeat(MESSAGES)).sync();

            var closing = CompletableFuture.runAsync(server::close);

            assertThat(subscriber.awaitClosedByServer(Duration.ofSeconds(30))).isTrue();
            closing.join();
            assertThat(occurrences(subscriber.text(), "MSG foo 1 " + SIZE + "\r\n"))
                    .isEqualTo(MESSAGES);
        } finally {
            server.close();
        }
    }

    private static int occurrences(String text, String part) {
        var count = 0;
        for (var at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }
}
