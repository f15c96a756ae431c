package io.junction.cli.nats.stream;

import io.junction.cli.nats.Cli;
import io.junction.cli.nats.JsonOutput;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nats stream info}: configuration and state, or with {@code --json} the API's STREAM.INFO response. */
@Command(name = "info", description = "Stream configuration and state")
final class StreamInfoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "<stream>", description = "Stream name")
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
                cli.println(JsonOutput.api(connection, "$JS.API.STREAM.INFO." + name, "", cli.timeout()));
                return 0;
            }
            var info = Cli.management(connection, cli.timeout()).getStreamInfo(name);

            cli.print(StreamInfoView.render(cli, info));
        }
        return 0;
    }
}
