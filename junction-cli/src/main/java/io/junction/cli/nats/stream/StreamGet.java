package io.junction.cli.nats.stream;

import io.junction.cli.nats.Cli;
import io.junction.cli.nats.CliException;
import io.junction.cli.nats.JsonOutput;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nats stream get}: one message by sequence, or the last on a subject. */
@Command(name = "get", description = "Get a message from a stream by sequence or as the last on a subject")
final class StreamGet implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<stream>", description = "Stream name")
    String name;

    @Parameters(index = "1", arity = "0..1", paramLabel = "<sequence>", description = "Message sequence")
    Long sequence;

    @Option(names = "--last-for", paramLabel = "<subject>", description = "The last message on this subject")
    String lastFor;

    @Option(
            names = {"-j", "--json"},
            description = "The JetStream API's JSON (the body base64-encoded)")
    boolean json;

    @Option(
            names = {"-r", "--raw"},
            description = "Only the body")
    boolean raw;

    @Override
    public Integer call() throws Exception {
        var cli = Cli.of(spec);
        if ((sequence == null) == (lastFor == null)) {
            throw new CliException("give either a sequence or --last-for <subject>");
        }
        try (var connection = cli.connect()) {
            if (json) {
                var request = sequence != null
                        ? "{\"seq\":" + sequence + "}"
                        : JsonOutput.pretty(java.util.Map.of("last_by_subj", lastFor));
                cli.println(JsonOutput.api(connection, "$JS.API.STREAM.MSG.GET." + name, request, cli.timeout()));
                return 0;
            }
            var management = Cli.management(connection, cli.timeout());
            var message =
                    sequence != null ? management.getMessage(name, sequence) : management.getLastMessage(name, lastFor);

            cli.print(StoredMessageView.render(cli, name, message, raw));
        }
        return 0;
    }
}
