package io.junction.jetstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.StreamConfiguration;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A push consumer delivers once someone subscribes to exactly its deliver subject, in its deliver group if it has one,
 * as nats-server's interest notifications decide (checked against nats-server 2.9.10): a wildcard subscription, a
 * plain one for a grouped consumer, or another group leaves it unbound.
 */
class PushDeliveryInterestTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration QUIET = Duration.ofMillis(700);

    @TempDir
    Path storeDir;

    @Test
    void aWildcardSubscriptionDoesNotBindAPushConsumer() throws Exception {
        try (var server = JetStreamServer.start(storeDir);
                var connection = Nats.connect(server.url())) {
            var management = streamWithOneMessage(connection);
            var wildcard = connection.subscribe("deliver.*");
            connection.flush(WAIT);
            management.addOrUpdateConsumer("PUSH", push("WILD", "deliver.wild", null));

            assertThat(wildcard.nextMessage(QUIET)).isNull();
            assertThat(management.getConsumerInfo("PUSH", "WILD").isPushBound()).isFalse();

            var exact = connection.subscribe("deliver.wild");
            assertThat(nextSubject(exact)).isEqualTo("push");
            assertThat(nextSubject(wildcard)).isEqualTo("push");
            assertThat(management.getConsumerInfo("PUSH", "WILD").isPushBound()).isTrue();
        }
    }

    @Test
    void aGroupedPushConsumerWaitsForAMemberOfItsOwnGroup() throws Exception {
        try (var server = JetStreamServer.start(storeDir);
                var connection = Nats.connect(server.url())) {
            var management = streamWithOneMessage(connection);
            var plain = connection.subscribe("deliver.group");
            var otherGroup = connection.subscribe("deliver.group", "other");
            connection.flush(WAIT);
            management.addOrUpdateConsumer("PUSH", push("GROUPED", "deliver.group", "workers"));

            assertThat(plain.nextMessage(QUIET)).isNull();
            assertThat(otherGroup.nextMessage(Duration.ofMillis(50))).isNull();
            assertThat(management.getConsumerInfo("PUSH", "GROUPED").isPushBound())
                    .isFalse();

            var member = connection.subscribe("deliver.group", "workers");
            assertThat(nextSubject(member)).isEqualTo("push");
            assertThat(management.getConsumerInfo("PUSH", "GROUPED").isPushBound())
                    .isTrue();
        }
    }

    private static JetStreamManagement streamWithOneMessage(Connection connection) throws Exception {
        var management = connection.jetStreamManagement();
        management.addStream(
                StreamConfiguration.builder().name("PUSH").subjects("push").build());
        connection.jetStream().publish("push", new byte[] {1});
        return management;
    }

    private static ConsumerConfiguration push(String durable, String deliverSubject, String group) {
        return ConsumerConfiguration.builder()
                .durable(durable)
                .deliverSubject(deliverSubject)
                .deliverGroup(group)
                .ackPolicy(AckPolicy.None)
                .build();
    }

    private static String nextSubject(Subscription subscription) throws InterruptedException {
        var message = subscription.nextMessage(WAIT);
        assertThat(message).as("a delivery").isNotNull();
        return message.getSubject();
    }
}
