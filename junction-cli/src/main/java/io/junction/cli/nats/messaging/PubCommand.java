package io.junction.cli.nats.messaging;

import io.junction.cli.nats.Cli;
import io.junction.cli.nats.CliException;
import io.junction.cli.nats.DurationConverter;
import io.nats.client.impl.NatsMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nats pub}: publishes one or more messages, optionally to JetStream with the ack printed. */
@Command(name = "pub", aliases = "publish", description = "Publish a message to a subject")
public final class PubCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<subject>", description = "Subject to publish to")
    String subject;

    @Parameters(
            index = "1",
            arity = "0..1",
            paramLabel = "<body>",
            description = "Message body, with templates such as {{Count}}; read from standard input when left out")
    String body;

    @Option(names = "--reply", paramLabel = "<subject>", description = "Reply subject to send with the message")
    String reply;

    @Option(
            names = {"-H", "--header"},
            paramLabel = "<key:value>",
            description = "A header to add, repeatable")
    List<String> headers;

    @Option(names = "--count", paramLabel = "<n>", defaultValue = "1", description = "Publish this many messages")
    int count;

    @Option(
            names = "--sleep",
            paramLabel = "<duration>",
            converter = DurationConverter.class,
            description = "Pause between messages")
    Duration sleep;

    @Option(
            names = {"-J", "--jetstream"},
            description = "Publish to JetStream and wait for each acknowledgement")
    boolean jetStream;

    @Option(
            names = {"-q", "--quiet"},
            description = "Print nothing but errors")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        var cli = Cli.of(spec);
        if (count < 1) {
            throw new CliException("--count must be at least 1");
        }
        var template = Body.fromArgumentOrStdin(body, cli);
        try (var connection = cli.connect()) {
            var js = jetStream ? connection.jetStream() : null;
            for (var n = 1; n <= count; n++) {
                var data = Template.expand(template, n).getBytes(StandardCharsets.UTF_8);
                var to = Template.expand(subject, n);
                var message = NatsMessage.builder()
                        .subject(to)
                        .replyTo(reply)
                        .headers(HeaderOption.parse(headers, n))
                        .data(data)
                        .build();
                if (js != null) {
                    var ack = js.publish(message);
                    report(
                            cli,
                            "Published " + data.length + " bytes to \"" + to + "\": stored in " + ack.getStream()
                                    + " with sequence " + ack.getSeqno() + (ack.isDuplicate() ? " (duplicate)" : ""));
                } else {
                    connection.publish(message);
                    if (count == 1) {
                        report(cli, "Published " + data.length + " bytes to \"" + to + "\"");
                    }
                }
                if (sleep != null && n < count) {
                    Thread.sleep(sleep.toMillis());
                }
            }
            connection.flush(cli.timeout());
            if (count > 1 && js == null) {
                report(cli, "Published " + count + " messages to \"" + subject + "\"");
            }
        }
        return 0;
    }

    private void report(Cli cli, String text) {
        if (!quiet) {
            cli.status(text);
        }
    }
}
