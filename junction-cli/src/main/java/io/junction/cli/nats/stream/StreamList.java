package io.junction.cli.nats.stream;

import io.junction.cli.nats.Cli;
import io.junction.cli.nats.Human;
import io.junction.cli.nats.JsonOutput;
import io.junction.cli.nats.Table;
import io.nats.client.api.StreamInfo;
import java.util.Comparator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nats stream ls}: every stream in a table, its names, or the API's stream infos as JSON. */
@Command(
        name = "ls",
        aliases = {"list"},
        description = "List streams")
final class StreamList implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = {"-j", "--json"},
            description = "The JetStream API's stream infos as a JSON array")
    boolean json;

    @Option(
            names = {"-n", "--names"},
            description = "Only the names, one a line")
    boolean names;

    @Override
    public Integer call() throws Exception {
        var cli = Cli.of(spec);
        try (var connection = cli.connect()) {
            if (json) {
                cli.println(JsonOutput.apiList(connection, "$JS.API.STREAM.LIST", "streams", cli.timeout()));
                return 0;
            }
            var management = Cli.management(connection, cli.timeout());
            if (names) {
                management.getStreamNames().stream().sorted().forEach(cli::println);
                return 0;
            }
            var streams = management.getStreams().stream()
                    .sorted(Comparator.comparing(info -> info.getConfiguration().getName()))
                    .toList();
            if (streams.isEmpty()) {
                cli.println("No streams defined");
                return 0;
            }

            var table = new Table("Streams", "Name", "Description", "Created", "Messages", "Size", "Last Message");
            for (StreamInfo info : streams) {
                var state = info.getStreamState();
                table.row(
                        info.getConfiguration().getName(),
                        info.getConfiguration().getDescription(),
                        Human.time(info.getCreateTime()),
                        Human.count(state.getMsgCount()),
                        Human.bytes(state.getByteCount()),
                        state.getMsgCount() == 0 ? "never" : Human.ago(state.getLastTime()));
            }
            cli.print(table.render(cli.style()));
        }
        return 0;
    }
}
