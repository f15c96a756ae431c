package io.junction.cli.nats.consumer;

import io.junction.cli.nats.Cli;
import io.junction.cli.nats.Fields;
import io.junction.cli.nats.Human;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.SequenceInfo;

/** A consumer's configuration and state as a person reads them. */
final class ConsumerInfoView {
    private ConsumerInfoView() {}

    static String render(Cli cli, ConsumerInfo info) {
        var config = info.getConsumerConfiguration();
        var push = config.getDeliverSubject() != null;
        var filters = config.getFilterSubjects();
        var fields = new Fields()
                .section("Configuration")
                .add("Name", info.getName())
                .addIf(config.getDescription() != null, "Description", config.getDescription())
                .add("Pull Mode", !push)
                .addIf(push, "Delivery Subject", config.getDeliverSubject())
                .addIf(config.getDeliverGroup() != null, "Deliver Queue Group", config.getDeliverGroup())
                .addIf(
                        filters != null && !filters.isEmpty(),
                        "Filter Subjects",
                        filters == null ? "" : String.join(", ", filters))
                .add("Deliver Policy", deliver(config))
                .add("Ack Policy", Human.title(config.getAckPolicy()))
                .add("Ack Wait", Human.duration(config.getAckWait()))
                .add("Replay Policy", Human.title(config.getReplayPolicy()))
                .add("Max Deliver", Human.limit(config.getMaxDeliver()))
                .add("Max Ack Pending", Human.limit(config.getMaxAckPending()))
                .addIf(!push, "Max Waiting Pulls", Human.limit(config.getMaxPullWaiting()))
                .addIf(
                        config.getIdleHeartbeat() != null
                                && !config.getIdleHeartbeat().isZero(),
                        "Idle Heartbeat",
                        Human.duration(config.getIdleHeartbeat()))
                .addIf(config.isFlowControl(), "Flow Control", true)
                .addIf(config.isHeadersOnly(), "Headers Only", true)
                .section("State")
                .add("Last Delivered Message", sequences(info.getDelivered()))
                .add("Acknowledgment Floor", sequences(info.getAckFloor()))
                .add("Outstanding Acks", Human.count(info.getNumAckPending()))
                .add("Redelivered Messages", Human.count(info.getRedelivered()))
                .add("Unprocessed Messages", Human.count(info.getNumPending()))
                .addIf(!push, "Waiting Pulls", Human.count(info.getNumWaiting()));
        var title = "Information for Consumer " + info.getStreamName() + " > " + info.getName() + " created "
                + Human.time(info.getCreationTime());
        return cli.style().bold(title) + "\n\n" + fields.render(cli.style());
    }

    private static String deliver(io.nats.client.api.ConsumerConfiguration config) {
        return switch (config.getDeliverPolicy()) {
            case ByStartSequence -> "From sequence " + config.getStartSequence();
            case ByStartTime -> "Since " + Human.time(config.getStartTime());
            default -> Human.title(config.getDeliverPolicy());
        };
    }

    private static String sequences(SequenceInfo sequence) {
        if (sequence == null) {
            return "none";
        }
        var text = "Consumer sequence: " + Human.count(sequence.getConsumerSequence()) + " Stream sequence: "
                + Human.count(sequence.getStreamSequence());
        return sequence.getLastActive() == null
                ? text
                : text + " Last delivery: " + Human.ago(sequence.getLastActive()) + " ago";
    }
}
