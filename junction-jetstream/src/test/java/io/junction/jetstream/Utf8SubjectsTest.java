package io.junction.jetstream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.junction.nats.server.RawClient;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.PurgeOptions;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfoOptions;
import io.nats.client.api.Subject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Subjects that are not ASCII, as nats-server 2.9.10 serves them: stored and matched as the UTF-8 bytes clients
 * publish, shown in JSON as UTF-8 text, and sent in headers as those bytes.
 */
class Utf8SubjectsTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path storeDir;

    private JetStreamServer server;
    private Connection connection;

    @BeforeEach
    void start() throws Exception {
        server = JetStreamServer.start(storeDir);
        connection = Nats.connect(
                new Options.Builder().server(server.url()).supportUTF8Subjects().build());
        var jsm = connection.jetStreamManagement();
        jsm.addStream(StreamConfiguration.builder()
                .name("ORDERS")
                .subjects("ordërs.>")
                .build());
        var js = connection.jetStream();
        js.publish("ordërs.ü", "1".getBytes(StandardCharsets.UTF_8));
        js.publish("ordërs.ü", "2".getBytes(StandardCharsets.UTF_8));
        js.publish("ordërs.订单", "3".getBytes(StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() throws Exception {
        connection.close();
        server.close();
    }

    @Test
    void streamInfoCountsSubjectsUnderTheirText() throws Exception {
        var jsm = connection.jetStreamManagement();

        var all = jsm.getStreamInfo("ORDERS", StreamInfoOptions.allSubjects());
        var filtered = jsm.getStreamInfo("ORDERS", StreamInfoOptions.filterSubjects("ordërs.ü"));

        assertThat(counts(all.getStreamState().getSubjects())).isEqualTo(Map.of("ordërs.ü", 2L, "ordërs.订单", 1L));
        assertThat(counts(filtered.getStreamState().getSubjects())).isEqualTo(Map.of("ordërs.ü", 2L));
    }

    @Test
    void filtersWrittenAsJsonEscapesMatchTheSameSubjects() throws Exception {
        var reply = api("$JS.API.STREAM.INFO.ORDERS", "{\"subjects_filter\":\"ord\\u00ebrs.*\"}");

        assertThat(reply.path("state").path("subjects").properties())
                .extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrder("ordërs.ü", "ordërs.订单");
    }

    @Test
    void msgGetAnswersWithTheSubjectAsText() throws Exception {
        var bySequence = api("$JS.API.STREAM.MSG.GET.ORDERS", "{\"seq\":1}");
        var last = api("$JS.API.STREAM.MSG.GET.ORDERS", "{\"last_by_subj\":\"ordërs.ü\"}");
        var next = api("$JS.API.STREAM.MSG.GET.ORDERS", "{\"seq\":1,\"next_by_subj\":\"ordërs.订单\"}");

        assertThat(bySequence.path("message").path("subject").asText()).isEqualTo("ordërs.ü");
        assertThat(last.path("message").path("seq").asLong()).isEqualTo(2);
        assertThat(next.path("message").path("subject").asText()).isEqualTo("ordërs.订单");
        assertThat(next.path("message").path("seq").asLong()).isEqualTo(3);
    }

    @Test
    void theJavaClientReadsMessagesBySubject() throws Exception {
        var jsm = connection.jetStreamManagement();

        var last = jsm.getLastMessage("ORDERS", "ordërs.ü");
        var next = jsm.getNextMessage("ORDERS", 1, "ordërs.订单");

        assertThat(last.getSeq()).isEqualTo(2);
        assertThat(last.getSubject()).isEqualTo("ordërs.ü");
        assertThat(next.getSeq()).isEqualTo(3);
        assertThat(next.getSubject()).isEqualTo("ordërs.订单");
    }

    @Test
    void directGetSendsTheSubjectAsItsBytes() throws Exception {
        var jsm = connection.jetStreamManagement();
        jsm.updateStream(StreamConfiguration.builder(jsm.getStreamInfo("ORDERS").getConfiguration())
                .allowDirect(true)
                .build());
        // the Java client refuses header values that are not ASCII, so the reply is read as bytes
        try (var client = RawClient.connected(server.nats(), "{\"headers\":true,\"verbose\":false}")) {
            client.send("SUB _R.* 1\r\n");
            var byBody = directGet(client, "$JS.API.DIRECT.GET.ORDERS", "{\"last_by_subj\":\"ordërs.ü\"}", "2");
            var bySubject = directGet(client, "$JS.API.DIRECT.GET.ORDERS.ordërs.订单", "", "3");

            assertThat(byBody).contains("Nats-Subject: " + wire("ordërs.ü") + "\r\n", "Nats-Sequence: 2\r\n");
            assertThat(bySubject)
                    .contains("Nats-Stream: ORDERS\r\n", "Nats-Subject: " + wire("ordërs.订单") + "\r\n")
                    .startsWith("HMSG _R.x 1 ");
        }
    }

    @Test
    void purgeByAFilterRemovesOnlyThatSubject() throws Exception {
        var jsm = connection.jetStreamManagement();

        var purged = jsm.purgeStream("ORDERS", PurgeOptions.subject("ordërs.ü"));

        assertThat(purged.getPurged()).isEqualTo(2);
        var left = jsm.getStreamInfo("ORDERS", StreamInfoOptions.allSubjects());
        assertThat(counts(left.getStreamState().getSubjects())).isEqualTo(Map.of("ordërs.订单", 1L));
    }

    @Test
    void consumersFilterOnSubjectsGivenInTheBodyOrTheApiSubject() throws Exception {
        var jsm = connection.jetStreamManagement();

        var durable = jsm.addOrUpdateConsumer(
                "ORDERS",
                ConsumerConfiguration.builder()
                        .durable("by-body")
                        .filterSubject("ordërs.ü")
                        .build());
        var named = api(
                "$JS.API.CONSUMER.CREATE.ORDERS.by-subject.ordërs.订单",
                "{\"stream_name\":\"ORDERS\",\"config\":{\"name\":\"by-subject\",\"filter_subject\":\"ordërs.订单\"}}");

        assertThat(durable.getNumPending()).isEqualTo(2);
        assertThat(named.path("config").path("filter_subject").asText()).isEqualTo("ordërs.订单");
        assertThat(named.path("num_pending").asLong()).isEqualTo(1);
        var sub = connection
                .jetStream()
                .subscribe("ordërs.ü", io.nats.client.PullSubscribeOptions.bind("ORDERS", "by-body"));
        var fetched = sub.fetch(2, WAIT);
        assertThat(fetched).extracting(Message::getSubject).containsExactly("ordërs.ü", "ordërs.ü");
    }

    @Test
    void pushConsumersDeliverToSubjectsThatAreNotAscii() throws Exception {
        var sub = connection.subscribe("dëliver.ü");

        api(
                "$JS.API.CONSUMER.CREATE.ORDERS.pusher",
                "{\"stream_name\":\"ORDERS\",\"config\":{\"name\":\"pusher\",\"deliver_subject\":\"dëliver.ü\","
                        + "\"filter_subject\":\"ordërs.订单\",\"ack_policy\":\"none\"}}");

        var message = sub.nextMessage(WAIT);
        assertThat(message).isNotNull();
        assertThat(message.getSubject()).isEqualTo("ordërs.订单");
        assertThat(new String(message.getData(), StandardCharsets.UTF_8)).isEqualTo("3");
    }

    @Test
    void streamNamesFilterBySubject() throws Exception {
        var names = api("$JS.API.STREAM.NAMES", "{\"subject\":\"ordërs.ü\"}");
        var none = api("$JS.API.STREAM.NAMES", "{\"subject\":\"orders.ü\"}");

        assertThat(names.path("streams").get(0).asText()).isEqualTo("ORDERS");
        assertThat(none.path("total").asLong()).isZero();
    }

    @Test
    void subjectTransformsMapSubjectsThatAreNotAscii() throws Exception {
        api(
                "$JS.API.STREAM.CREATE.MAPPED",
                "{\"name\":\"MAPPED\",\"subjects\":[\"ïn.*\"],"
                        + "\"subject_transform\":{\"src\":\"ïn.*\",\"dest\":\"öut.{{split(1,ß)}}\"}}");

        connection.jetStream().publish("ïn.aßb", new byte[0]);

        var message = api("$JS.API.STREAM.MSG.GET.MAPPED", "{\"seq\":1}").path("message");
        assertThat(message.path("subject").asText()).isEqualTo("öut.a.b");
        var info = api("$JS.API.STREAM.INFO.MAPPED", "");
        assertThat(info.path("config").path("subject_transform").path("dest").asText())
                .isEqualTo("öut.{{split(1,ß)}}");
    }

    @Test
    void theApiAuditAdvisoryCarriesRequestAndResponseAsText() throws Exception {
        var audits = connection.subscribe("$JS.EVENT.ADVISORY.API");
        connection.flush(WAIT);

        api("$JS.API.STREAM.MSG.GET.ORDERS", "{\"last_by_subj\":\"ordërs.订单\"}");

        var audit = JSON.readTree(audits.nextMessage(WAIT).getData());
        assertThat(audit.path("request").asText()).isEqualTo("{\"last_by_subj\":\"ordërs.订单\"}");
        assertThat(JSON.readTree(audit.path("response").asText())
                        .path("message")
                        .path("subject")
                        .asText())
                .isEqualTo("ordërs.订单");
    }

    /** The HMSG a direct get is answered with, one char per byte, read until its payload. */
    private static String directGet(RawClient client, String subject, String body, String payload) {
        client.clear();
        client.send("PUB " + wire(subject) + " _R.x " + utf8(body).length + "\r\n" + wire(body) + "\r\n");
        return client.readUntil("\r\n\r\n" + payload + "\r\n", WAIT);
    }

    /** The text as the bytes of its UTF-8 form, one char per byte. */
    private static String wire(String text) {
        return new String(utf8(text), StandardCharsets.ISO_8859_1);
    }

    private JsonNode api(String subject, String body) throws Exception {
        var reply = connection.request(subject, utf8(body), WAIT);
        var json = JSON.readTree(reply.getData());
        assertThat(json.has("error")).as("%s answered %s", subject, json).isFalse();
        return json;
    }

    private static Map<String, Long> counts(java.util.List<Subject> subjects) {
        return subjects.stream().collect(Collectors.toMap(Subject::getName, Subject::getCount));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
