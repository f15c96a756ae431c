package io.junction.cli.nats.consumer;

import io.junction.cli.nats.Cli;
import io.junction.cli.nats.CliException;
import io.junction.cli.nats.DurationConverter;
import io.junction.cli.nats.JsonOutput;
import io.nats.client.api.ConsumerConfiguration;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nats consumer add}: creates a durable consumer from flags or a JSON file, never asking: a pull consumer
 * with explicit acks delivering all messages unless the flags say otherwise, as the nats CLI's {@code --defaults}.
 */
@Command(
        name = "add",
        aliases = {"create", "new"},
        description = "Create a durable consumer")
final class ConsumerAdd implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<stream>", description = "Stream name")
    String stream;

    @Parameters(index = "1", paramLabel = "<consumer>", description = "Consumer name")
    String name;

    @Option(names = "--pull", description = "A pull consumer (the default)")
    boolean pull;

    @Option(names = "--target", paramLabel = "<subject>", description = "A push consumer delivering to this subject")
    String target;

    @Option(names = "--deliver-group", paramLabel = "<group>", description = "Queue group of a push consumer")
    String deliverGroup;

    @Option(names = "--ack", paramLabel = "<policy>", description = "explicit, all or none (default explicit)")
    String ack;

    @Option(
            names = "--deliver",
            paramLabel = "<policy>",
            description = "all, last, new, last_per_subject, a sequence, or a duration such as 1h (default all)")
    String deliver;

    @Option(names = "--filter", paramLabel = "<subject>", split = ",", description = "Only these subjects")
    List<String> filters;

    @Option(names = "--max-deliver", paramLabel = "<n>", description = "Delivery attempts per message (default -1)")
    Long maxDeliver;

    @Option(
            names = "--wait",
            paramLabel = "<duration>",
            converter = DurationConverter.class,
            description = "How long to wait for an ack before redelivering (default 30s)")
    Duration ackWait;

    @Option(names = "--max-pending", paramLabel = "<n>", description = "Most messages awaiting ack (default 1000)")
    Long maxAckPending;

    @Option(names = "--replay", paramLabel = "<policy>", description = "instant or original (default instant)")
    String replay;

    @Option(names = "--max-waiting", paramLabel = "<n>", description = "Most waiting pull requests")
    Long maxWaiting;

    @Option(
            names = "--heartbeat",
            paramLabel = "<duration>",
            converter = DurationConverter.class,
            description = "Idle heartbeat of a push consumer")
    Duration heartbeat;

    @Option(names = "--flow-control", description = "Flow control for a push consumer")
    boolean flowControl;

    @Option(names = "--headers-only", description = "Deliver only headers, no bodies")
    boolean headersOnly;

    @Option(
            names = "--inactive-threshold",
            paramLabel = "<duration>",
            converter = DurationConverter.class,
            description = "Remove the consumer after this long without use")
    Duration inactiveThreshold;

    @Option(names = "--description", paramLabel = "<text>", description = "A description of the consumer")
    String description;

    @Option(names = "--config", paramLabel = "<file>", description = "Take the configuration from a JSON file")
    Path config;

    @Option(names = "--defaults", description = "Accept the defaults for what is not given (always the case here)")
    boolean defaults;

    @Option(names = "--json", description = "Print the created consumer as the JetStream API's JSON")
    boolean json;

    @Override
    public Integer call() throws Exception {
        var cli = Cli.of(spec);
        if (pull && target != null) {
            throw new CliException("--pull and --target cannot be used together");
        }
        var configuration = config != null ? fromFile() : fromFlags();
        try (var connection = cli.connect()) {
            var info = Cli.management(connection, cli.timeout()).addOrUpdateConsumer(stream, configuration);
            if (json) {
                cli.println(
                        JsonOutput.api(connection, "$JS.API.CONSUMER.INFO." + stream + "." + name, "", cli.timeout()));
                return 0;
            }

            cli.status("Consumer " + stream + " > " + name + " was created");
            cli.print(ConsumerInfoView.render(cli, info));
        }
        return 0;
    }

    private ConsumerConfiguration fromFlags() {
        var builder = ConsumerConfiguration.builder()
                .durable(name)
                .ackPolicy(ConsumerPolicies.ack(ack == null ? "explicit" : ack))
                .replayPolicy(ConsumerPolicies.replay(replay == null ? "instant" : replay))
                .description(description)
                .deliverSubject(target)
                .deliverGroup(deliverGroup)
                .maxDeliver(maxDeliver)
                .ackWait(ackWait)
                .maxAckPending(maxAckPending)
                .maxPullWaiting(maxWaiting)
                .idleHeartbeat(heartbeat)
                .inactiveThreshold(inactiveThreshold);
        ConsumerPolicies.deliver(deliver == null ? "all" : deliver, builder);
        if (filters != null && !filters.isEmpty()) {
            builder.filterSubjects(filters);
        }
        if (flowControl) {
            builder.flowControl(heartbeat == null ? Duration.ofSeconds(5) : heartbeat);
        }
        if (headersOnly) {
            builder.headersOnly(true);
        }
        return builder.build();
    }

    private ConsumerConfiguration fromFile() {
        var json = JsonOutput.readObject(config);
        if (json.has("config") && json.get("config").isObject()) {
            json = (com.fasterxml.jackson.databind.node.ObjectNode) json.get("config");
        }
        json.put("durable_name", name);
        json.put("name", name);
        try {
            return ConsumerConfiguration.builder().json(JsonOutput.pretty(json)).build();
        } catch (Exception e) {
            throw new CliException("invalid consumer configuration in " + config + ": " + e.getMessage(), e);
        }
    }
}
