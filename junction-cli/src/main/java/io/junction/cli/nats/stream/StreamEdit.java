package io.junction.cli.nats.stream;

import io.junction.cli.nats.Cli;
import io.junction.cli.nats.JsonOutput;
import io.nats.client.api.StreamConfiguration;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nats stream edit}: changes the settings given as flags (or the whole configuration from a file). */
@Command(name = "edit", aliases = "update", description = "Change an existing stream's configuration")
final class StreamEdit implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "<stream>", description = "Stream name")
    String name;

    @Mixin
    StreamOptions options;

    @Option(names = "--config", paramLabel = "<file>", description = "Replace the configuration with a JSON file's")
    Path config;

    @Option(
            names = {"-f", "--force"},
            description = "Accepted for the nats CLI's scripts; edits never ask")
    boolean force;

    @Option(names = "--json", description = "Print the changed stream as the JetStream API's JSON")
    boolean json;

    @Override
    public Integer call() throws Exception {
        var cli = Cli.of(spec);
        try (var connection = cli.connect()) {
            var management = Cli.management(connection, cli.timeout());
            var current = management.getStreamInfo(name).getConfiguration();
            var builder = config != null ? StreamConfigFile.read(config, name) : StreamConfiguration.builder(current);
            var info = management.updateStream(options.apply(builder).build());
            if (json) {
                cli.println(JsonOutput.api(connection, "$JS.API.STREAM.INFO." + name, "", cli.timeout()));
                return 0;
            }

            cli.status("Stream " + name + " was updated");
            cli.print(StreamInfoView.render(cli, info));
        }
        return 0;
    }
}
