package io.junction.jetstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nats.client.JetStreamManagement;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.api.Mirror;
import io.nats.client.api.StreamConfiguration;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A mirror with {@code mirror_direct} answers direct gets for its origin, beside the origin, as nats-server's do. */
class MirrorDirectTest extends LiveJetStreamTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final int REQUESTS = 60;

    private JetStreamManagement jsm;

    @BeforeEach
    void start() throws Exception {
        jsm = connection.jetStreamManagement();
    }

    @Test
    void mirrorAnswersOnItsOwnSubjectAndBesideTheOriginOnTheOrigins() throws Exception {
        originWithMessages(true);

        var mirror = jsm.addStream(StreamConfiguration.builder()
                .name("BACKUP")
                .mirror(Mirror.builder().sourceName("ORDERS").build())
                .allowDirect(true)
                .build());
        awaitMirrored();

        assertThat(mirror.getConfiguration().getMirrorDirect()).isTrue();
        var own = get("$JS.API.DIRECT.GET.BACKUP", "{\"seq\":3}");
        assertThat(own.getHeaders().getFirst("Nats-Stream")).isEqualTo("BACKUP");
        assertThat(own.getHeaders().getFirst("Nats-Sequence")).isEqualTo("3");
        var responders = new HashSet<String>();
        for (var i = 0; i < REQUESTS; i++) {
            var sequence = 1 + i % 5;
            var reply = get("$JS.API.DIRECT.GET.ORDERS", "{\"seq\":" + sequence + "}");
            assertThat(reply.getHeaders().getFirst("Nats-Sequence")).isEqualTo(Integer.toString(sequence));
            assertThat(reply.getHeaders().getFirst("Nats-Subject")).isEqualTo("orders." + sequence);
            assertThat(new String(reply.getData(), StandardCharsets.UTF_8)).isEqualTo("m" + sequence);
            responders.add(reply.getHeaders().getFirst("Nats-Stream"));
        }
        assertThat(responders).containsExactlyInAnyOrder("ORDERS", "BACKUP");
        var lastBySubject = new HashSet<String>();
        for (var i = 0; i < REQUESTS; i++) {
            var reply = get("$JS.API.DIRECT.GET.ORDERS.orders.4", null);
            assertThat(reply.getHeaders().getFirst("Nats-Sequence")).isEqualTo("4");
            lastBySubject.add(reply.getHeaders().getFirst("Nats-Stream"));
        }
        assertThat(lastBySubject).containsExactlyInAnyOrder("ORDERS", "BACKUP");
    }

    @Test
    void mirrorKeepsAnsweringForAnOriginThatWasDeleted() throws Exception {
        originWithMessages(true);
        jsm.addStream(StreamConfiguration.builder()
                .name("BACKUP")
                .mirror(Mirror.builder().sourceName("ORDERS").build())
                .build());
        awaitMirrored();
        await().atMost(WAIT).until(() -> answers("$JS.API.DIRECT.GET.ORDERS", "BACKUP"));

        jsm.deleteStream("ORDERS");

        for (var i = 0; i < 10; i++) {
            var reply = get("$JS.API.DIRECT.GET.ORDERS", "{\"seq\":2}");
            assertThat(reply.getHeaders().getFirst("Nats-Stream")).isEqualTo("BACKUP");
            assertThat(new String(reply.getData(), StandardCharsets.UTF_8)).isEqualTo("m2");
        }
    }

    @Test
    void mirrorStillCatchingUpLeavesTheOriginsGetsToTheOrigin() throws Exception {
        jsm.addStream(StreamConfiguration.builder()
                .name("ORDERS")
                .subjects("orders.>")
                .allowDirect(true)
                .build());
        var acks = new java.util.ArrayList<java.util.concurrent.CompletableFuture<?>>();
        for (var i = 1; i <= 20_000; i++) {
            acks.add(connection.jetStream().publishAsync("orders.x", new byte[100]));
        }
        java.util.concurrent.CompletableFuture.allOf(acks.toArray(new java.util.concurrent.CompletableFuture[0]))
                .get(30, java.util.concurrent.TimeUnit.SECONDS);

        jsm.addStream(StreamConfiguration.builder()
                .name("BACKUP")
                .mirror(Mirror.builder().sourceName("ORDERS").build())
                .build());

        for (var i = 0; i < 40; i++) {
            var reply = get("$JS.API.DIRECT.GET.ORDERS", "{\"seq\":20000}");
            assertThat(reply.isStatusMessage())
                    .as("request %d answered %s", i, reply.getStatus())
                    .isFalse();
            assertThat(reply.getHeaders().getFirst("Nats-Sequence"))
                    .as("request %d", i)
                    .isEqualTo("20000");
        }
    }

    @Test
    void mirrorAnswersForItsOriginAgainAfterARestart() throws Exception {
        originWithMessages(true);
        jsm.addStream(StreamConfiguration.builder()
                .name("BACKUP")
                .mirror(Mirror.builder().sourceName("ORDERS").build())
                .build());
        awaitMirrored();

        connection.close();
        server.close();
        server = JetStreamServer.start(storeDir);
        connection = Nats.connect(server.url());

        await().atMost(WAIT).until(() -> answers("$JS.API.DIRECT.GET.ORDERS", "BACKUP"));
        assertThat(answers("$JS.API.DIRECT.GET.ORDERS", "ORDERS")).isTrue();
    }

    @Test
    void deletedMirrorStopsAnsweringForItsOrigin() throws Exception {
        originWithMessages(true);
        jsm.addStream(StreamConfiguration.builder()
                .name("BACKUP")
                .mirror(Mirror.builder().sourceName("ORDERS").build())
                .build());
        awaitMirrored();
        await().atMost(WAIT).until(() -> answers("$JS.API.DIRECT.GET.ORDERS", "BACKUP"));

        jsm.deleteStream("BACKUP");

        for (var i = 0; i < 20; i++) {
            var reply = get("$JS.API.DIRECT.GET.ORDERS", "{\"seq\":1}");
            assertThat(reply.getHeaders().getFirst("Nats-Stream")).isEqualTo("ORDERS");
        }
    }

    @Test
    void mirrorOfAnOriginWithoutAllowDirectAnswersNoDirectGetForIt() throws Exception {
        originWithMessages(false);

        var mirror = jsm.addStream(StreamConfiguration.builder()
                .name("BACKUP")
                .mirror(Mirror.builder().sourceName("ORDERS").build())
                .build());
        awaitMirrored();

        assertThat(mirror.getConfiguration().getMirrorDirect()).isFalse();
        var future = connection.request("$JS.API.DIRECT.GET.ORDERS", "{\"seq\":1}".getBytes(StandardCharsets.UTF_8));
        // jnats cancels a request at once when the server reports no responders
        assertThat(future).failsWithin(Duration.ofSeconds(1)).withThrowableOfType(CancellationException.class);
    }

    private void originWithMessages(boolean allowDirect) throws Exception {
        jsm.addStream(StreamConfiguration.builder()
                .name("ORDERS")
                .subjects("orders.>")
                .allowDirect(allowDirect)
                .build());
        for (var i = 1; i <= 5; i++) {
            connection.jetStream().publish("orders." + i, ("m" + i).getBytes(StandardCharsets.UTF_8));
        }
    }

    private void awaitMirrored() {
        await().atMost(WAIT)
                .until(() -> jsm.getStreamInfo("BACKUP").getStreamState().getLastSequence() == 5);
    }

    private boolean answers(String subject, String stream) throws Exception {
        for (var i = 0; i < 20; i++) {
            if (stream.equals(get(subject, "{\"seq\":1}").getHeaders().getFirst("Nats-Stream"))) {
                return true;
            }
        }
        return false;
    }

    private Message get(String subject, String body) throws Exception {
        var bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        var reply = connection.request(subject, bytes, WAIT);
        assertThat(reply).as("reply on %s", subject).isNotNull();
        return reply;
    }
}
