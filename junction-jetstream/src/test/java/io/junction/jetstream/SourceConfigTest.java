package io.junction.jetstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nats.client.JetStreamApiException;
import io.nats.client.Nats;
import io.nats.client.api.Mirror;
import io.nats.client.api.Source;
import io.nats.client.api.StreamConfiguration;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** nats-server's checks of mirror and source configurations, with its error codes. */
class SourceConfigTest extends LiveJetStreamTest {
    @BeforeEach
    void start() throws Exception {
        connection
                .jetStreamManagement()
                .addStream(StreamConfiguration.builder()
                        .name("ORDERS")
                        .subjects("orders.>")
                        .allowDirect(true)
                        .maxMsgSize(1024)
                        .build());
    }

    @Test
    void mirrorWithSubjectsIsRefused() {
        assertRefused(mirror("M").subjects("m.>"), 10034);
    }

    @Test
    void mirrorWithSourcesIsRefused() {
        assertRefused(mirror("M").sources(Source.builder().sourceName("ORDERS").build()), 10031);
    }

    @Test
    void mirrorWithFirstSequenceIsRefused() {
        assertRefused(mirror("M").firstSequence(5), 10143);
    }

    @Test
    void mirrorOfItselfIsRefusedAsACycle() {
        assertRefused(
                StreamConfiguration.builder()
                        .name("M")
                        .mirror(Mirror.builder().sourceName("M").build()),
                10052);
    }

    @Test
    void mirrorWithSmallerMaxMessageSizeThanItsOriginIsRefused() {
        assertRefused(mirror("M").maximumMessageSize(10), 10030);
    }

    @Test
    void duplicateSourcesAreRefused() throws Exception {
        var request = "{\"name\":\"S\",\"sources\":[{\"name\":\"ORDERS\"},{\"name\":\"ORDERS\"}]}";

        var reply = connection.request(
                "$JS.API.STREAM.CREATE.S", request.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5));

        assertThat(new String(reply.getData(), StandardCharsets.UTF_8)).contains("\"err_code\":10140");
    }

    @Test
    void changingAMirrorByUpdateIsRefused() throws Exception {
        var jsm = connection.jetStreamManagement();
        jsm.addStream(
                StreamConfiguration.builder().name("OTHER").subjects("other.>").build());
        jsm.addStream(mirror("M").build());

        assertThatThrownBy(() -> jsm.updateStream(StreamConfiguration.builder()
                        .name("M")
                        .mirror(Mirror.builder().sourceName("OTHER").build())
                        .build()))
                .isInstanceOfSatisfying(JetStreamApiException.class, e -> assertThat(e.getApiErrorCode())
                        .isEqualTo(10055));
    }

    @Test
    void mirrorInheritsItsOriginsAllowDirectAsMirrorDirect() throws Exception {
        var info = connection.jetStreamManagement().addStream(mirror("M").build());

        assertThat(info.getConfiguration().getMirrorDirect()).isTrue();
        assertThat(info.getConfiguration().getAllowDirect()).isFalse();
    }

    @Test
    void mirrorConfigurationSurvivesARestart() throws Exception {
        connection.jetStreamManagement().addStream(mirror("M").build());
        connection.jetStream().publish("orders.x", "one".getBytes(StandardCharsets.UTF_8));
        MirrorTest.awaitLastSequence(connection.jetStreamManagement(), "M", 1);
        connection.close();
        server.close();

        server = JetStreamServer.start(storeDir);
        connection = Nats.connect(server.url());
        connection.jetStream().publish("orders.x", "two".getBytes(StandardCharsets.UTF_8));

        MirrorTest.awaitLastSequence(connection.jetStreamManagement(), "M", 2);
        var config = connection.jetStreamManagement().getStreamInfo("M").getConfiguration();
        assertThat(config.getMirror().getSourceName()).isEqualTo("ORDERS");
        assertThat(config.getSubjects()).isEmpty();
    }

    private static StreamConfiguration.Builder mirror(String name) {
        return StreamConfiguration.builder()
                .name(name)
                .mirror(Mirror.builder().sourceName("ORDERS").build());
    }

    private void assertRefused(StreamConfiguration.Builder config, int code) {
        assertThatThrownBy(() -> connection.jetStreamManagement().addStream(config.build()))
                .isInstanceOfSatisfying(JetStreamApiException.class, e -> assertThat(e.getApiErrorCode())
                        .isEqualTo(code));
    }
}
