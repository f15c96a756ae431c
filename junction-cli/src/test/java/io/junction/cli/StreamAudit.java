package io.junction.cli;

import io.nats.client.Connection;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads every message of a stream, in order, through a pull consumer made for the purpose (ack all, so that one ack
 * per batch keeps it under its ack pending limit) and removed after.
 */
final class StreamAudit {
    private StreamAudit() {}

    static List<Stored> readAll(Connection connection, String stream) throws Exception {
        var jsm = connection.jetStreamManagement();
        var expected = jsm.getStreamInfo(stream).getStreamState().getMsgCount();
        var name = "audit";
        jsm.addOrUpdateConsumer(
                stream,
                ConsumerConfiguration.builder()
                        .durable(name)
                        .ackPolicy(AckPolicy.All)
                        .build());
        try {
            var subscription = connection.jetStream().subscribe(null, PullSubscribeOptions.bind(stream, name));
            var messages = new ArrayList<Stored>();
            while (messages.size() < expected) {
                var batch = subscription.fetch((int) Math.min(1000, expected - messages.size()), Duration.ofSeconds(5));
                if (batch.isEmpty()) {
                    throw new AssertionError(
                            "the stream lists " + expected + " messages but delivered " + messages.size());
                }
                for (var message : batch) {
                    messages.add(new Stored(
                            message.metaData().streamSequence(),
                            new CrashPublisher.Published(message.getSubject(), message.getData())));
                }
                batch.getLast().ackSync(Duration.ofSeconds(5));
            }
            subscription.unsubscribe();
            return messages;
        } finally {
            jsm.deleteConsumer(stream, name);
        }
    }

    /** A message as the stream holds it. */
    record Stored(long sequence, CrashPublisher.Published message) {}
}
