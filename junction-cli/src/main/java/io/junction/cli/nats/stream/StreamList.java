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

/**
 * {@code nats stream ls}: the streams in a table, their names, or the API's stream infos as JSON. The table leaves
 * out the system streams of KV buckets, object stores and MQTT unless {@code --all} asks for them, as the nats CLI
 * does, and so does {@code --json}, a JSON array of the names; {@code --names} lists every stream.
 */
@Command(
        name = "ls",
        aliases = {"list"},
        description = "List streams")
final class StreamList implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = {"-j", "--json"},
            description = "The names as a JSON array")
    boolean json;

    @Option(
            names = {"-n", "--names"},
            description = "Only the names, one a line")
    boolean names;

    @Option(
            names = {"-a", "--all"},
            description = "Show all streams, including the system ones of KV buckets, object stores and MQTT")
    boolean all;

    @Override
    public Integer call() throws Exception {
        var cli = Cli.of(spec);
        try (var connection = cli.connect()) {
            var management = Cli.management(connection, cli.timeout());
            if (names) {
                // every name, as the nats CLI lists them with --names
                var every = management.getStreamNames().stream().sorted().toList();
                if (json) {
                    cli.println(JsonOutput.pretty(every));
                } else {
                    every.forEach(cli::println);
                }
                return 0;
            }
            var every = management.getStreams();
            var streams = every.stream()
                    .filter(info -> all || !isSystem(info.getConfiguration().getName()))
                    .sorted(Comparator.comparing(info -> info.getConfiguration().getName()))
                    .toList();
            if (json) {
                cli.println(JsonOutput.pretty(streams.stream()
                        .map(info -> info.getConfiguration().getName())
                        .toList()));
                return 0;
            }
            if (streams.isEmpty()) {
                cli.println(
                        every.isEmpty()
                                ? "No Streams defined"
                                : "No Streams defined, pass -a to include system streams");
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

    /** The nats CLI's system streams: those behind KV buckets, object stores and MQTT state. */
    static boolean isSystem(String name) {
        return name.startsWith("KV_") || name.startsWith("OBJ_") || name.startsWith("$MQTT_");
    }
}
