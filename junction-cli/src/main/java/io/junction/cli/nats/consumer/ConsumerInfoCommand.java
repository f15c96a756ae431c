package io.junction.cli.nats.consumer;

import io.junction.cli.nats.Cli;
import io.junction.cli.nats.JsonOutput;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nats consumer info}: configuration and state, or with {@code --json} the API's CONSUMER.INFO. */
@Command(name = "info", description = "Consumer configuration and state")
final class ConsumerInfoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<stream>", description = "Stream name")
    String stream;

    @Parameters(index = "1", paramLabel = "<consumer>", description = "Consumer name")
    String name;

    @Option(
            names = {"-j", "--json"},
            description = "The JetStream API's JSON")
    boolean json;

    @Override
    public Integer call() throws Exception {
        var cli = Cli.of(spec);
        try (var connection = cli.connect()) {
            if (json) {
                cli.println(
                        JsonOutput.api(connection, "$JS.API.CONSUMER.INFO." + stream + "." + name, "", cli.timeout()));
                return 0;
            }
            var info = Cli.management(connection, cli.timeout()).getConsumerInfo(stream, name);

            cli.print(ConsumerInfoView.render(cli, info));
        }
        return 0;
    }
}
