package io.junction.cli.nats.stream;

import io.junction.cli.nats.Cli;
import io.junction.cli.nats.CliException;
import io.junction.cli.nats.Human;
import io.junction.cli.nats.Prompt;
import io.nats.client.PurgeOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nats stream purge}: removes all messages, or those on a subject, below a sequence or beyond a count. */
@Command(name = "purge", description = "Remove messages from a stream")
final class StreamPurge implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "<stream>", description = "Stream name")
    String name;

    @Option(
            names = {"-f", "--force"},
            description = "Purge without asking")
    boolean force;

    @Option(names = "--subject", paramLabel = "<subject>", description = "Only messages on this subject")
    String subject;

    @Option(names = "--seq", paramLabel = "<sequence>", description = "Only messages below this sequence")
    Long sequence;

    @Option(names = "--keep", paramLabel = "<n>", description = "Keep this many of the newest messages")
    Long keep;

    @Override
    public Integer call() throws Exception {
        var cli = Cli.of(spec);
        if (sequence != null && keep != null) {
            throw new CliException("--seq and --keep cannot be used together");
        }
        var options = PurgeOptions.builder().subject(subject);
        if (sequence != null) {
            options.sequence(sequence);
        }
        if (keep != null) {
            options.keep(keep);
        }
        try (var connection = cli.connect()) {
            var management = Cli.management(connection, cli.timeout());
            management.getStreamInfo(name);
            if (!Prompt.confirm(cli, "Really purge Stream " + name, force)) {
                return 0;
            }

            var response = management.purgeStream(name, options.build());
            cli.println("Purged " + Human.count(response.getPurged()) + " messages from " + name);
        }
        return 0;
    }
}
