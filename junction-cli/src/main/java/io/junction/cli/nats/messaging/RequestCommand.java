package io.junction.cli.nats.messaging;

import io.junction.cli.nats.Cli;
import io.junction.cli.nats.CliException;
import io.junction.cli.nats.Human;
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

/** {@code nats request}: sends a request and prints the replies; fails when nobody answers. */
@Command(name = "request", aliases = "req", description = "Send a request and wait for the reply")
public final class RequestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<subject>", description = "Subject to send the request to")
    String subject;

    @Parameters(
            index = "1",
            arity = "0..1",
            paramLabel = "<body>",
            description = "Request body, with templates such as {{Count}}; read from standard input when left out")
    String body;

    @Option(
            names = {"-H", "--header"},
            paramLabel = "<key:value>",
            description = "A header to add, repeatable")
    List<String> headers;

    @Option(
            names = "--replies",
            paramLabel = "<n>",
            defaultValue = "1",
            description = "Wait for this many replies; 0 waits for all until the timeout")
    int replies;

    @Option(
            names = {"-r", "--raw"},
            description = "Print only the reply bodies")
    boolean raw;

    @Override
    public Integer call() throws Exception {
        var cli = Cli.of(spec);
        var data = Template.expand(Body.fromArgumentOrStdin(body, cli), 1).getBytes(StandardCharsets.UTF_8);
        try (var connection = cli.connect()) {
            var inbox = connection.createInbox();
            var subscription = connection.subscribe(inbox);
            connection.flush(cli.timeout());
            if (!raw) {
                cli.status("Sending request on \"" + subject + "\"");
            }
            var started = System.nanoTime();
            connection.publish(NatsMessage.builder()
                    .subject(subject)
                    .replyTo(inbox)
                    .headers(HeaderOption.parse(headers, 1))
                    .data(data)
                    .build());
            var deadline = started + cli.timeout().toNanos();
            var received = 0;
            while (replies == 0 || received < replies) {
                var left = deadline - System.nanoTime();
                var reply = left > 0 ? subscription.nextMessage(Duration.ofNanos(left)) : null;
                if (reply == null) {
                    if (received == 0) {
                        throw new CliException("timeout waiting for a reply on \"" + subject + "\"");
                    }
                    break;
                }
                if (reply.isStatusMessage() && reply.getStatus().getCode() == 503) {
                    throw new CliException("no responders available for request on \"" + subject + "\"");
                }
                received++;
                print(cli, reply, Duration.ofNanos(System.nanoTime() - started));
            }
        }
        return 0;
    }

    private void print(Cli cli, io.nats.client.Message reply, Duration rtt) {
        var text = reply.getData() == null ? "" : new String(reply.getData(), StandardCharsets.UTF_8);
        if (raw) {
            cli.println(text);
            return;
        }
        cli.status("Received with rtt " + Human.duration(rtt));
        var out = new StringBuilder();
        MessagePrinter.appendHeaders(out, reply);
        out.append(text).append('\n');
        cli.print(out.toString());
    }
}
