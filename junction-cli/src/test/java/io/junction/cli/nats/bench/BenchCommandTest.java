package io.junction.cli.nats.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.junction.cli.nats.LiveServerTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code nats bench ...}: small loads against a live server, checking that every message is counted. */
class BenchCommandTest extends LiveServerTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void subCountsEveryMessageThatPubSends() throws Exception {
        var sub = cli.background("nats", "bench", "sub", "bench.one", "--msgs", "20000");
        await().atMost(WAIT).until(() -> sub.err().contains("Waiting for 20000 messages on bench.one"));

        var pub = cli.run("nats", "bench", "pub", "bench.one", "--msgs", "20000", "--size", "64", "--clients", "2");

        assertThat(pub.exitCode()).as(pub.err()).isZero();
        assertThat(pub.out())
                .containsPattern("^Pub stats: [\\d,]+ msgs/sec ~ [\\d.]+ \\S+/sec \\(20,000 msgs of 64 B in ")
                .contains(" [1] Pub stats: ", "(10,000 msgs of 64 B in ", " [2] Pub stats: ");
        var received = sub.await(WAIT);
        assertThat(received.exitCode()).isZero();
        assertThat(received.out()).startsWith("Sub stats: ").contains("(20,000 msgs of 128 B in ");
        assertThat(received.err()).doesNotContain("\r");
    }

    @Test
    void requestGetsEveryReplyFromBenchReply() throws Exception {
        var reply = cli.background("nats", "bench", "reply", "bench.svc", "--msgs", "300");
        await().atMost(WAIT).until(() -> reply.err().contains("Answering 300 requests on bench.svc"));

        var request = cli.run("nats", "bench", "request", "bench.svc", "--msgs", "300", "--clients", "3");

        assertThat(request.exitCode()).as(request.err()).isZero();
        assertThat(request.out()).startsWith("Request stats: ").contains("(300 msgs of 128 B in ");
        assertThat(reply.await(WAIT).out()).startsWith("Reply stats: ").contains("(300 msgs of 128 B in ");
    }

    @Test
    void requestWithoutReplierFailsWithOneLine() {
        var result = cli.run("nats", "bench", "request", "bench.nobody", "--msgs", "1");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLines())
                .containsExactly("nats: error: no reply on bench.nobody (is a bench reply running?)");
    }
}
