package io.junction.jetstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.nats.client.JetStreamApiException;
import io.nats.client.Nats;
import io.nats.client.PublishOptions;
import io.nats.client.PurgeOptions;
import io.nats.client.api.DiscardPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfoOptions;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Streams through the official Java client: the API, publish acks and their errors, purge, get and delete. */
class StreamApiTest extends LiveJetStreamTest {
    @Test
    void createsDescribesListsAndDeletesStreams() throws Exception {
        var jsm = connection.jetStreamManagement();

        var created = jsm.addStream(StreamConfiguration.builder()
                .name("ORDERS")
                .subjects("orders.>")
                .storageType(StorageType.File)
                .build());
        jsm.addStream(StreamConfiguration.builder()
                .name("MEM")
                .storageType(StorageType.Memory)
                .build());

        assertThat(created.getConfiguration().getSubjects()).containsExactly("orders.>");
        assertThat(created.getStreamState().getMsgCount()).isZero();
        assertThat(jsm.getStreamNames()).containsExactly("MEM", "ORDERS");
        assertThat(jsm.getStreamInfo("MEM").getConfiguration().getSubjects()).containsExactly("MEM");
        assertThat(jsm.getStreams()).hasSize(2);
        assertThat(jsm.deleteStream("MEM")).isTrue();
        assertThat(jsm.getStreamNames()).containsExactly("ORDERS");
        assertThat(connection.jetStreamManagement().getAccountStatistics().getStreams())
                .isEqualTo(1);
    }

    @Test
    void answersWithNatsServerErrorCodes() throws Exception {
        var jsm = connection.jetStreamManagement();
        jsm.addStream(StreamConfiguration.builder()
                .name("ORDERS")
                .subjects("orders.>")
                .build());

        assertApiError(() -> jsm.getStreamInfo("MISSING"), 10059);
        assertApiError(
                () -> jsm.addStream(StreamConfiguration.builder()
                        .name("ORDERS")
                        .subjects("x")
                        .build()),
                10058);
        assertApiError(
                () -> jsm.addStream(StreamConfiguration.builder()
                        .name("OTHER")
                        .subjects("orders.new")
                        .build()),
                10065);
        assertApiError(() -> jsm.deleteStream("MISSING"), 10059);
    }

    @Test
    void acknowledgesPublishesWithTheStreamAndSequence() throws Exception {
        connection
                .jetStreamManagement()
                .addStream(StreamConfiguration.builder()
                        .name("ORDERS")
                        .subjects("orders.>")
                        .build());
        var js = connection.jetStream();

        var first = js.publish("orders.created", "1".getBytes(StandardCharsets.UTF_8));
        var second = js.publish("orders.paid", "2".getBytes(StandardCharsets.UTF_8));

        assertThat(first.getStream()).isEqualTo("ORDERS");
        assertThat(first.getSeqno()).isEqualTo(1);
        assertThat(second.getSeqno()).isEqualTo(2);
        assertThat(connection
                        .jetStreamManagement()
                        .getStreamInfo("ORDERS")
                        .getStreamState()
                        .getMsgCount())
                .isEqualTo(2);
    }

    @Test
    void deduplicatesOnNatsMsgIdOnly() throws Exception {
        connection
                .jetStreamManagement()
                .addStream(StreamConfiguration.builder()
                        .name("ORDERS")
                        .subjects("orders.>")
                        .build());
        var js = connection.jetStream();

        var first = js.publish(
                "orders.a",
                new byte[1],
                PublishOptions.builder().messageId("id-1").build());
        var again = js.publish(
                "orders.a",
                new byte[1],
                PublishOptions.builder().messageId("id-1").build());
        var lookalike = js.publish(NatsMessage.builder()
                .subject("orders.a")
                .headers(new Headers().add("Orig-Nats-Msg-Id", "id-1"))
                .data(new byte[1])
                .build());
        var lookalikeAgain = js.publish(NatsMessage.builder()
                .subject("orders.a")
                .headers(new Headers().add("Orig-Nats-Msg-Id", "id-1"))
                .data(new byte[1])
                .build());

        assertThat(first.isDuplicate()).isFalse();
        assertThat(again.isDuplicate()).isTrue();
        assertThat(again.getSeqno()).isEqualTo(first.getSeqno());
        assertThat(lookalike.isDuplicate()).isFalse();
        assertThat(lookalikeAgain.isDuplicate()).isFalse();
        assertThat(lookalikeAgain.getSeqno()).isEqualTo(3);
    }

    @Test
    void refusesPublishesWhoseExpectationsFail() throws Exception {
        connection
                .jetStreamManagement()
                .addStream(StreamConfiguration.builder()
                        .name("ORDERS")
                        .subjects("orders.>")
                        .build());
        var js = connection.jetStream();
        js.publish(
                "orders.a",
                new byte[1],
                PublishOptions.builder().messageId("m1").build());

        assertApiError(
                () -> js.publish(
                        "orders.a",
                        new byte[1],
                        PublishOptions.builder().expectedStream("OTHER").build()),
                10060);
        assertApiError(
                () -> js.publish(
                        "orders.a",
                        new byte[1],
                        PublishOptions.builder().expectedLastSequence(7).build()),
                10071);
        assertApiError(
                () -> js.publish(
                        "orders.a",
                        new byte[1],
                        PublishOptions.builder().expectedLastSubjectSequence(0).build()),
                10071);
        assertApiError(
                () -> js.publish(
                        "orders.a",
                        new byte[1],
                        PublishOptions.builder().expectedLastMsgId("nope").build()),
                10070);
        assertThat(js.publish(
                                "orders.a",
                                new byte[1],
                                PublishOptions.builder().expectedLastSequence(1).build())
                        .getSeqno())
                .isEqualTo(2);
    }

    @Test
    void takesEmptyExpectationHeadersAsAbsentAndRefusesHeadersOver64k() throws Exception {
        connection
                .jetStreamManagement()
                .addStream(StreamConfiguration.builder()
                        .name("ORDERS")
                        .subjects("orders.>")
                        .build());
        var js = connection.jetStream();
        var empty = new Headers();
        for (var name : new String[] {
            "Nats-Expected-Stream",
            "Nats-Expected-Last-Msg-Id",
            "Nats-Expected-Last-Sequence",
            "Nats-Rollup",
            "Nats-Msg-Id"
        }) {
            empty.add(name, "");
        }

        var first = js.publish(NatsMessage.builder()
                .subject("orders.a")
                .headers(empty)
                .data(new byte[1])
                .build());
        var second = js.publish(NatsMessage.builder()
                .subject("orders.a")
                .headers(empty)
                .data(new byte[1])
                .build());

        assertThat(first.getSeqno()).isEqualTo(1);
        assertThat(second.getSeqno()).isEqualTo(2);
        assertThat(second.isDuplicate()).isFalse();
        var large = new Headers().add("Big", "x".repeat(70_000));
        assertApiError(
                () -> js.publish(NatsMessage.builder()
                        .subject("orders.a")
                        .headers(large)
                        .data(new byte[1])
                        .build()),
                10097);
    }

    @Test
    void expectsTheMsgIdOfTheLastMessageEvenWhenThatMessageHadNone() throws Exception {
        connection
                .jetStreamManagement()
                .addStream(StreamConfiguration.builder()
                        .name("ORDERS")
                        .subjects("orders.>")
                        .build());
        var js = connection.jetStream();
        js.publish(
                "orders.a",
                new byte[1],
                PublishOptions.builder().messageId("m1").build());
        js.publish("orders.a", new byte[1]);

        assertApiError(
                () -> js.publish(
                        "orders.a",
                        new byte[1],
                        PublishOptions.builder().expectedLastMsgId("m1").build()),
                10070);
        js.publish(
                "orders.a",
                new byte[1],
                PublishOptions.builder().messageId("m3").build());
        assertThat(js.publish(
                                "orders.a",
                                new byte[1],
                                PublishOptions.builder().expectedLastMsgId("m3").build())
                        .getSeqno())
                .isEqualTo(4);
    }

    @Test
    void rebuildsTheLastMsgIdFromTheLastStoredMessageOnRestart() throws Exception {
        connection
                .jetStreamManagement()
                .addStream(StreamConfiguration.builder()
                        .name("ORDERS")
                        .subjects("orders.>")
                        .build());
        connection
                .jetStream()
                .publish(
                        "orders.a",
                        new byte[1],
                        PublishOptions.builder().messageId("m1").build());
        connection.jetStream().publish("orders.a", new byte[1]);

        restart();

        var js = connection.jetStream();
        assertApiError(
                () -> js.publish(
                        "orders.a",
                        new byte[1],
                        PublishOptions.builder().expectedLastMsgId("m1").build()),
                10070);
        assertThat(js.publish(
                                "orders.a",
                                new byte[1],
                                PublishOptions.builder().messageId("m1").build())
                        .isDuplicate())
                .isTrue();
    }

    @Test
    void describesStreamsWithTheConfigFieldsNatsServer210AlwaysWrites() throws Exception {
        connection
                .jetStreamManagement()
                .addStream(StreamConfiguration.builder()
                        .name("ORDERS")
                        .subjects("orders.>")
                        .build());

        var reply = connection.request("$JS.API.STREAM.INFO.ORDERS", new byte[0], Duration.ofSeconds(5));

        var config = new ObjectMapper().readTree(reply.getData()).get("config");
        assertThat(config.path("compression").asText())
                .as("compression in %s", config)
                .isEqualTo("none");
        assertThat(config.path("consumer_limits").isObject())
                .as("consumer_limits in %s", config)
                .isTrue();
        assertThat(config.path("consumer_limits")).isEmpty();
    }

    @Test
    void expiresMessagesOnceTheyAreOlderThanMaxAge() throws Exception {
        var jsm = connection.jetStreamManagement();
        jsm.addStream(StreamConfiguration.builder()
                .name("ORDERS")
                .subjects("orders.>")
                .maxAge(Duration.ofMillis(600))
                .build());
        var js = connection.jetStream();
        // measured from before the publishes: an ack may come late on a loaded machine, the stored time does not
        var publishedAt = System.nanoTime();
        js.publish("orders.a", new byte[1]);
        js.publish("orders.b", new byte[1]);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                        jsm.getStreamInfo("ORDERS").getStreamState().getMsgCount())
                .isZero());

        assertThat(Duration.ofNanos(System.nanoTime() - publishedAt)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
        assertThat(jsm.getStreamInfo("ORDERS").getStreamState().getFirstSequence())
                .isEqualTo(3);
        assertThat(js.publish("orders.c", new byte[1]).getSeqno()).isEqualTo(3);
    }

    @Test
    void countsBytesAsNatsServersFileAndMemoryStoresDoAndLimitsByThem() throws Exception {
        var jsm = connection.jetStreamManagement();
        jsm.addStream(StreamConfiguration.builder()
                .name("FILE")
                .subjects("file.*")
                .storageType(StorageType.File)
                .maxBytes(110)
                .discardPolicy(DiscardPolicy.New)
                .build());
        jsm.addStream(StreamConfiguration.builder()
                .name("MEMORY")
                .subjects("memory.*")
                .storageType(StorageType.Memory)
                .build());
        var js = connection.jetStream();

        js.publish("file.a", new byte[10]);
        js.publish("file.a", new byte[10]);
        js.publish("memory.a", new byte[10]);

        assertThat(jsm.getStreamInfo("FILE").getStreamState().getByteCount()).isEqualTo(2 * (30 + 6 + 10));
        assertThat(jsm.getStreamInfo("MEMORY").getStreamState().getByteCount()).isEqualTo(8 + 10 + 16);
        assertApiError(() -> js.publish("file.a", new byte[10]), 10077);
    }

    @Test
    void purgesBySubjectAndMovesTheFirstSequence() throws Exception {
        var jsm = connection.jetStreamManagement();
        jsm.addStream(StreamConfiguration.builder()
                .name("ORDERS")
                .subjects("orders.>")
                .build());
        var js = connection.jetStream();
        for (var subject : new String[] {"orders.a", "orders.a", "orders.b", "orders.a", "orders.b"}) {
            js.publish(subject, new byte[1]);
        }

        var purged = jsm.purgeStream("ORDERS", PurgeOptions.subject("orders.a"));

        assertThat(purged.getPurged()).isEqualTo(3);
        var state = jsm.getStreamInfo("ORDERS").getStreamState();
        assertThat(state.getMsgCount()).isEqualTo(2);
        assertThat(state.getFirstSequence()).isEqualTo(3);
        assertThat(state.getLastSequence()).isEqualTo(5);
        assertThat(jsm.purgeStream("ORDERS", PurgeOptions.builder().keep(1).build())
                        .getPurged())
                .isEqualTo(1);
        assertThat(jsm.purgeStream("ORDERS").getPurged()).isEqualTo(1);
        var empty = jsm.getStreamInfo("ORDERS").getStreamState();
        assertThat(empty.getFirstSequence()).isEqualTo(6);
        assertThat(empty.getLastSequence()).isEqualTo(5);
    }

    @Test
    void purgesEveryMessageMatchingAWildcardFilterAlsoAfterARestart() throws Exception {
        var jsm = connection.jetStreamManagement();
        jsm.addStream(StreamConfiguration.builder()
                .name("ORDERS")
                .subjects("orders.>")
                .storageType(StorageType.File)
                .build());
        var js = connection.jetStream();
        for (var subject :
                new String[] {"orders.a.1", "orders.b", "orders.a.2", "orders.b", "orders.a.1", "orders.c"}) {
            js.publish(subject, subject.getBytes(StandardCharsets.UTF_8));
        }

        var purged = jsm.purgeStream("ORDERS", PurgeOptions.subject("orders.a.*"));
        restart();

        assertThat(purged.getPurged()).isEqualTo(3);
        jsm = connection.jetStreamManagement();
        var state = jsm.getStreamInfo("ORDERS", StreamInfoOptions.allSubjects()).getStreamState();
        assertThat(state.getMsgCount()).isEqualTo(3);
        assertThat(state.getFirstSequence()).isEqualTo(2);
        assertThat(state.getLastSequence()).isEqualTo(6);
        assertThat(state.getSubjects())
                .extracting(io.nats.client.api.Subject::getName)
                .containsExactlyInAnyOrder("orders.b", "orders.c");
        assertThat(jsm.purgeStream("ORDERS", PurgeOptions.subject("orders.b")).getPurged())
                .isEqualTo(2);
        assertThat(jsm.getStreamInfo("ORDERS").getStreamState().getFirstSequence())
                .isEqualTo(6);
    }

    @Test
    void getsAndDeletesSingleMessages() throws Exception {
        var jsm = connection.jetStreamManagement();
        jsm.addStream(StreamConfiguration.builder()
                .name("ORDERS")
                .subjects("orders.>")
                .build());
        var js = connection.jetStream();
        js.publish("orders.a", "one".getBytes(StandardCharsets.UTF_8));
        js.publish(NatsMessage.builder()
                .subject("orders.b")
                .headers(new Headers().add("K", "v"))
                .data("two".getBytes(StandardCharsets.UTF_8))
                .build());
        js.publish("orders.a", "three".getBytes(StandardCharsets.UTF_8));

        assertThat(new String(jsm.getMessage("ORDERS", 1).getData(), StandardCharsets.UTF_8))
                .isEqualTo("one");
        assertThat(jsm.getLastMessage("ORDERS", "orders.a").getSeq()).isEqualTo(3);
        assertThat(jsm.getNextMessage("ORDERS", 2, "orders.a").getSeq()).isEqualTo(3);
        assertThat(jsm.getMessage("ORDERS", 2).getHeaders().getFirst("K")).isEqualTo("v");
        assertThat(jsm.deleteMessage("ORDERS", 2)).isTrue();
        assertApiError(() -> jsm.getMessage("ORDERS", 2), 10037);
        var info = jsm.getStreamInfo(
                "ORDERS", StreamInfoOptions.builder().deletedDetails().build());
        assertThat(info.getStreamState().getDeletedCount()).isEqualTo(1);
        assertThat(info.getStreamState().getDeleted()).containsExactly(2L);
    }

    @Test
    void servesDirectGetsWhenAllowed() throws Exception {
        var jsm = connection.jetStreamManagement();
        jsm.addStream(StreamConfiguration.builder()
                .name("KVLIKE")
                .subjects("kv.>")
                .allowDirect(true)
                .build());
        var js = connection.jetStream();
        js.publish("kv.a", "1".getBytes(StandardCharsets.UTF_8));
        js.publish("kv.a", "2".getBytes(StandardCharsets.UTF_8));

        var last = jsm.getLastMessage("KVLIKE", "kv.a");

        assertThat(new String(last.getData(), StandardCharsets.UTF_8)).isEqualTo("2");
        assertThat(last.getSeq()).isEqualTo(2);
        assertApiError(() -> jsm.getLastMessage("KVLIKE", "kv.missing"), 10037);
    }

    @Test
    void servesBatchDirectGetsEndingWithEob() throws Exception {
        var jsm = connection.jetStreamManagement();
        jsm.addStream(StreamConfiguration.builder()
                .name("B")
                .subjects("b.>")
                .allowDirect(true)
                .build());
        var js = connection.jetStream();
        for (var subject : new String[] {"b.x", "b.y", "b.x", "b.z"}) {
            js.publish(subject, subject.getBytes(StandardCharsets.UTF_8));
        }
        var inbox = connection.createInbox();
        var replies = connection.subscribe(inbox);
        connection.flush(java.time.Duration.ofSeconds(5));

        connection.publish(
                "$JS.API.DIRECT.GET.B",
                inbox,
                "{\"seq\":2,\"batch\":2,\"next_by_subj\":\"b.>\"}".getBytes(StandardCharsets.UTF_8));
        var first = replies.nextMessage(java.time.Duration.ofSeconds(5));
        var second = replies.nextMessage(java.time.Duration.ofSeconds(5));
        var end = replies.nextMessage(java.time.Duration.ofSeconds(5));

        assertThat(first.getHeaders().getFirst("Nats-Sequence")).isEqualTo("2");
        assertThat(first.getHeaders().getFirst("Nats-Num-Pending")).isEqualTo("2");
        assertThat(second.getHeaders().getFirst("Nats-Sequence")).isEqualTo("3");
        assertThat(second.getHeaders().getFirst("Nats-Last-Sequence")).isEqualTo("2");
        assertThat(end.getStatus().getCode()).isEqualTo(204);
        assertThat(end.getHeaders().getFirst("Nats-Last-Sequence")).isEqualTo("3");

        connection.publish(
                "$JS.API.DIRECT.GET.B", inbox, "{\"multi_last\":[\"b.x\",\"b.z\"]}".getBytes(StandardCharsets.UTF_8));
        assertThat(replies.nextMessage(java.time.Duration.ofSeconds(5))
                        .getHeaders()
                        .getFirst("Nats-Sequence"))
                .isEqualTo("3");
        assertThat(replies.nextMessage(java.time.Duration.ofSeconds(5))
                        .getHeaders()
                        .getFirst("Nats-Sequence"))
                .isEqualTo("4");
        assertThat(replies.nextMessage(java.time.Duration.ofSeconds(5))
                        .getStatus()
                        .getCode())
                .isEqualTo(204);
    }

    @Test
    void enforcesLimitsWithDiscardNewErrors() throws Exception {
        var jsm = connection.jetStreamManagement();
        jsm.addStream(StreamConfiguration.builder()
                .name("SMALL")
                .subjects("small")
                .maxMessages(2)
                .discardPolicy(DiscardPolicy.New)
                .maximumMessageSize(10)
                .build());
        var js = connection.jetStream();
        js.publish("small", new byte[1]);
        js.publish("small", new byte[1]);

        assertThatThrownBy(() -> js.publish("small", new byte[1]))
                .isInstanceOf(JetStreamApiException.class)
                .hasMessageContaining("maximum messages exceeded")
                .satisfies(e -> assertThat(((JetStreamApiException) e).getApiErrorCode())
                        .isEqualTo(10077));
        jsm.purgeStream("SMALL");
        assertApiError(() -> js.publish("small", new byte[11]), 10054);
    }

    @Test
    void evictsOldestMessagesWithDiscardOldAndPerSubjectLimits() throws Exception {
        var jsm = connection.jetStreamManagement();
        jsm.addStream(StreamConfiguration.builder()
                .name("HIST")
                .subjects("h.>")
                .maxMessagesPerSubject(2)
                .build());
        var js = connection.jetStream();
        for (var i = 0; i < 5; i++) {
            js.publish("h.a", new byte[] {(byte) i});
            js.publish("h.b", new byte[] {(byte) i});
        }

        var state = jsm.getStreamInfo("HIST").getStreamState();

        assertThat(state.getMsgCount()).isEqualTo(4);
        assertThat(state.getFirstSequence()).isEqualTo(7);
        assertThat(state.getLastSequence()).isEqualTo(10);
    }

    private void restart() throws Exception {
        connection.close();
        server.close();
        server = JetStreamServer.start(storeDir);
        connection = Nats.connect(server.url());
    }

    private static void assertApiError(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, int errCode) {
        assertThatThrownBy(call).isInstanceOf(JetStreamApiException.class).satisfies(e -> assertThat(
                        ((JetStreamApiException) e).getApiErrorCode())
                .isEqualTo(errCode));
    }
}
