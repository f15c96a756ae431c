package io.junction.jetstream.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.junction.jetstream.JetStreamServer;
import io.junction.nats.interop.NatsJsScenario;
import io.junction.nats.server.NatsServer;
import io.junction.nats.server.ServerOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * JetStream seen through a second, independent client: nats.js under Node, one scenario script per test, each against
 * a fresh server with JetStream on a file store. The scenarios live in {@code test-clients/node/scenarios/js-*.mjs};
 * each also passes against nats-server 2.9.10 ({@code nats-server -js}), which is how their expectations were checked.
 */
@Timeout(90)
class NatsJsJetStreamInteropTest {
    @TempDir
    Path storeDir;

    private JetStreamServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void managesStreamsAndAcknowledgesPublishesWithDedupeAndExpectedSequences() throws Exception {
        assertPasses("js-streams");
    }

    @Test
    void deliversPullBatchesWithAcksNaksRedeliveriesAndNumPending() throws Exception {
        assertPasses("js-pull");
    }

    @Test
    void deliversToPushConsumersAndDeliverGroupsWithHeartbeatsAndRefusesDeliveryLoops() throws Exception {
        assertPasses("js-push");
    }

    @Test
    void keepsKeyValueHistoryAndWatchesInitialValuesThenUpdates() throws Exception {
        assertPasses("js-kv");
    }

    @Test
    void storesMultiChunkObjectsAndReturnsThemWithTheirDigest() throws Exception {
        assertPasses("js-os");
    }

    @Test
    void republishesStoredMessagesWithTheirHeadersAndRefusesCycles() throws Exception {
        assertPasses("js-republish");
    }

    @Test
    void publishesAdvisoriesThatTheJetStreamManagerReads() throws Exception {
        assertPasses("js-advisories");
    }

    @Test
    void servesTheDomainsApiToTheDomainOptionOfNatsJs() throws Exception {
        server = JetStreamServer.inDomain(storeDir, "hub");

        var result = NatsJsScenario.run("js-domain", server.url());

        assertThat(result.passed()).as(result::transcript).isTrue();
    }

    @Test
    void domainScenarioFailsAgainstAServerWithoutTheDomain() throws Exception {
        server = JetStreamServer.start(storeDir);

        var result = NatsJsScenario.run("js-domain", server.url());

        assertThat(result.passed()).as(result::transcript).isFalse();
        assertThat(result.stderr()).as(result::transcript).contains("FAIL js-domain");
    }

    @Test
    void scenarioFailsAgainstAServerWithoutJetStream() throws Exception {
        var plain = new NatsServer(ServerOptions.builder()
                .host("127.0.0.1")
                .port(ServerOptions.RANDOM_PORT)
                .build());
        plain.start();
        try {
            var result = NatsJsScenario.run("js-kv", plain.clientUrl());

            assertThat(result.passed()).as(result::transcript).isFalse();
            assertThat(result.exitCode()).as(result::transcript).isEqualTo(1);
            assertThat(result.stderr()).as(result::transcript).contains("FAIL js-kv: NatsError: 503");
        } finally {
            plain.close();
        }
    }

    private void assertPasses(String scenario) throws Exception {
        server = JetStreamServer.start(storeDir);

        var result = NatsJsScenario.run(scenario, server.url());

        assertThat(result.passed()).as(result::transcript).isTrue();
    }
}
