package io.junction.cli.nats.stream;

import io.junction.cli.nats.Cli;
import io.nats.client.JetStreamApiException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nats stream view}: prints the stream's messages in order, from a sequence and on a subject if given. It
 * reads with message gets rather than a consumer, so viewing leaves no trace on the stream.
 */
@Command(name = "view", description = "Print the messages in a stream")
final class StreamView implements Callable<Integer> {
    private static final int NO_MESSAGE_FOUND = 10037;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "<stream>", description = "Stream name")
    String name;

    @Option(names = "--subject", paramLabel = "<subject>", description = "Only messages on this subject")
    String subject;

    @Option(names = "--id", paramLabel = "<sequence>", description = "Start at this sequence")
    long start;

    @Option(names = "--count", paramLabel = "<n>", description = "Print at most this many messages (default all)")
    long count;

    @Option(
            names = {"-r", "--raw"},
            description = "Only the bodies")
    boolean raw;

    @Override
    public Integer call() throws Exception {
        var cli = Cli.of(spec);
        try (var connection = cli.connect()) {
            var management = Cli.management(connection, cli.timeout());
            var info = management.getStreamInfo(name);
            var sequence = Math.max(start, info.getStreamState().getFirstSequence());
            var shown = 0L;
            while (count == 0 || shown < count) {
                var message = next(management, sequence);
                if (message == null) {
                    break;
                }
                cli.print(StoredMessageView.render(cli, name, message, raw));
                sequence = message.getSeq() + 1;
                shown++;
            }
            if (shown == 0 && !raw) {
                cli.status("No messages in stream " + name + (subject == null ? "" : " on " + subject));
            }
        }
        return 0;
    }

    private io.nats.client.api.MessageInfo next(io.nats.client.JetStreamManagement management, long sequence)
            throws Exception {
        try {
            return management.getNextMessage(name, sequence, subject == null ? ">" : subject);
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == NO_MESSAGE_FOUND) {
                return null;
            }
            throw e;
        }
    }
}
