package io.junction.cli.nats.stream;

import io.junction.cli.nats.Cli;
import io.junction.cli.nats.Fields;
import io.junction.cli.nats.Human;
import io.nats.client.api.StreamInfo;

/** A stream's configuration and state as a person reads them. */
final class StreamInfoView {
    private StreamInfoView() {}

    static String render(Cli cli, StreamInfo info) {
        var config = info.getConfiguration();
        var state = info.getStreamState();
        var fields = new Fields()
                .section("Configuration")
                .add("Name", config.getName())
                .addIf(config.getDescription() != null, "Description", config.getDescription())
                .add("Subjects", String.join(", ", config.getSubjects()))
                .add("Acknowledgements", !config.getNoAck())
                .add(
                        "Retention",
                        Human.title(config.getStorageType()) + " - " + Human.title(config.getRetentionPolicy()))
                .add("Replicas", config.getReplicas())
                .add(
                        "Discard Policy",
                        config.getDiscardPolicy() + (config.isDiscardNewPerSubject() ? " Per Subject" : ""))
                .add("Duplicate Window", Human.duration(config.getDuplicateWindow()))
                .add("Direct Get", config.getAllowDirect())
                .add("Allows Msg Delete", !config.getDenyDelete())
                .add("Allows Purge", !config.getDenyPurge())
                .add("Allows Rollups", config.getAllowRollup())
                .add("Sealed", config.getSealed())
                .add("Maximum Messages", Human.limit(config.getMaxMsgs()))
                .add("Maximum Per Subject", Human.limit(config.getMaxMsgsPerSubject()))
                .add("Maximum Bytes", Human.sizeLimit(config.getMaxBytes()))
                .add("Maximum Age", Human.durationLimit(config.getMaxAge()))
                .add("Maximum Message Size", Human.sizeLimit(config.getMaximumMessageSize()))
                .add("Maximum Consumers", Human.limit(config.getMaxConsumers()))
                .section("State")
                .add("Messages", Human.count(state.getMsgCount()))
                .add("Bytes", Human.bytes(state.getByteCount()))
                .add("First Sequence", first(state.getFirstSequence(), state.getFirstTime()))
                .add("Last Sequence", first(state.getLastSequence(), state.getLastTime()))
                .addIf(state.getDeletedCount() > 0, "Deleted Messages", Human.count(state.getDeletedCount()))
                .add("Active Consumers", Human.count(state.getConsumerCount()))
                .addIf(state.getSubjectCount() > 0, "Number of Subjects", Human.count(state.getSubjectCount()));
        var title = "Information for Stream " + config.getName() + " created " + Human.time(info.getCreateTime());
        return cli.style().bold(title) + "\n\n" + fields.render(cli.style());
    }

    private static String first(long sequence, java.time.ZonedDateTime time) {
        if (sequence == 0 || time == null || time.toInstant().toEpochMilli() <= 0) {
            return Human.count(sequence);
        }
        return Human.count(sequence) + " @ " + Human.time(time);
    }
}
