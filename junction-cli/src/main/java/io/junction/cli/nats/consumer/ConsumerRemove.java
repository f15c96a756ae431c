package io.junction.cli.nats.consumer;

import io.junction.cli.nats.Cli;
import io.junction.cli.nats.Prompt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nats consumer rm}: deletes a consumer; asks first unless {@code -f}. */
@Command(
        name = "rm",
        aliases = {"delete"},
        description = "Delete a consumer")
final class ConsumerRemove implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<stream>", description = "Stream name")
    String stream;

    @Parameters(index = "1", paramLabel = "<consumer>", description = "Consumer name")
    String name;

    @Option(
            names = {"-f", "--force"},
            description = "Delete without asking")
    boolean force;

    @Override
    public Integer call() throws Exception {
        var cli = Cli.of(spec);
        try (var connection = cli.connect()) {
            var management = Cli.management(connection, cli.timeout());
            management.getConsumerInfo(stream, name);
            if (!Prompt.confirm(cli, "Really delete Consumer " + stream + " > " + name, force)) {
                return 0;
            }

            management.deleteConsumer(stream, name);
        }
        return 0;
    }
}
