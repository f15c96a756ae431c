package io.junction.cli.nats.stream;

import io.junction.cli.nats.Cli;
import io.junction.cli.nats.Prompt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nats stream rm}: deletes a stream and its messages; asks first unless {@code -f}. */
@Command(
        name = "rm",
        aliases = {"delete"},
        description = "Delete a stream and all its messages")
final class StreamRemove implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "<stream>", description = "Stream name")
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
            management.getStreamInfo(name);
            if (!Prompt.confirm(cli, "Really delete Stream " + name, force)) {
                return 0;
            }

            management.deleteStream(name);
        }
        return 0;
    }
}
