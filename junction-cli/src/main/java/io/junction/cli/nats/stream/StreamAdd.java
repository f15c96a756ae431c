package io.junction.cli.nats.stream;

import io.junction.cli.nats.Cli;
import io.junction.cli.nats.CliException;
import io.junction.cli.nats.JsonOutput;
import io.nats.client.api.StreamConfiguration;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nats stream add}: creates a stream from flags or a JSON file. It never asks questions: what the flags leave
 * out takes the server's defaults, and the subjects default to the stream's name, as the nats CLI does with
 * {@code --defaults}. With {@code --config} the name may be left out: the file's is taken, as the nats CLI takes it.
 */
@Command(
        name = "add",
        aliases = {"create", "new"},
        description = "Create a new stream")
final class StreamAdd implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(
            paramLabel = "<stream>",
            arity = "0..1",
            description = "Stream name (default: the name in the --config file)")
    String name;

    @Mixin
    StreamOptions options;

    @Option(names = "--config", paramLabel = "<file>", description = "Take the configuration from a JSON file")
    Path config;

    @Option(names = "--defaults", description = "Accept the defaults for what is not given (always the case here)")
    boolean defaults;

    @Option(names = "--json", description = "Print the created stream as the JetStream API's JSON")
    boolean json;

    @Override
    public Integer call() throws Exception {
        var cli = Cli.of(spec);
        if (name == null && config == null) {
            throw new CliException("a stream name is required, as an argument or in the --config file");
        }
        var builder = config != null
                ? StreamConfigFile.read(config, name)
                : StreamConfiguration.builder().name(name).subjects(List.of(name));
        options.apply(builder);
        var stream = builder.build();
        var streamName = stream.getName();
        try (var connection = cli.connect()) {
            var info = Cli.management(connection, cli.timeout()).addStream(stream);
            if (json) {
                cli.println(JsonOutput.api(connection, "$JS.API.STREAM.INFO." + streamName, "", cli.timeout()));
                return 0;
            }

            cli.status("Stream " + streamName + " was created");
            cli.print(StreamInfoView.render(cli, info));
        }
        return 0;
    }
}
