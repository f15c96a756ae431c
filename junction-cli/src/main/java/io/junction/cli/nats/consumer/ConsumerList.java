package io.junction.cli.nats.consumer;

import io.junction.cli.nats.Cli;
import io.junction.cli.nats.Human;
import io.junction.cli.nats.JsonOutput;
import io.junction.cli.nats.Table;
import io.nats.client.api.ConsumerInfo;
import java.util.Comparator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nats consumer ls}: a stream's consumers in a table, or their names, one a line or as a JSON array. */
@Command(
        name = "ls",
        aliases = {"list"},
        description = "List a stream's consumers")
final class ConsumerList implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "<stream>", description = "Stream name")
    String stream;

    @Option(
            names = {"-j", "--json"},
            description = "The names as a JSON array")
    boolean json;

    @Option(
            names = {"-n", "--names"},
            description = "Only the names, one a line")
    boolean names;

    @Override
    public Integer call() throws Exception {
        var cli = Cli.of(spec);
        try (var connection = cli.connect()) {
            var management = Cli.management(connection, cli.timeout());
            var consumers = management.getConsumers(stream).stream()
                    .sorted(Comparator.comparing(ConsumerInfo::getName))
                    .toList();
            if (json) {
                cli.println(JsonOutput.pretty(
                        consumers.stream().map(ConsumerInfo::getName).toList()));
                return 0;
            }
            if (names) {
                consumers.forEach(info -> cli.println(info.getName()));
                return 0;
            }
            if (consumers.isEmpty()) {
                cli.println("No consumers defined on stream " + stream);
                return 0;
            }

            var table = new Table(
                    "Consumers for Stream " + stream,
                    "Name",
                    "Type",
                    "Created",
                    "Ack Pending",
                    "Unprocessed",
                    "Last Delivery");
            for (var info : consumers) {
                var delivered = info.getDelivered();
                table.row(
                        info.getName(),
                        info.getConsumerConfiguration().getDeliverSubject() == null ? "Pull" : "Push",
                        Human.time(info.getCreationTime()),
                        Human.count(info.getNumAckPending()),
                        Human.count(info.getNumPending()),
                        delivered == null || delivered.getLastActive() == null
                                ? "never"
                                : Human.ago(delivered.getLastActive()));
            }
            cli.print(table.render(cli.style()));
        }
        return 0;
    }
}
