package io.junction.cli.nats.messaging;

import io.junction.cli.nats.Cli;
import io.nats.client.Message;
import io.nats.client.impl.NatsMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nats reply}: a service that answers every request on a subject with a fixed body (templates allowed,
 * {@code {{Count}}} numbering the requests) or, with {@code --echo} or no body, with the request itself.
 */
@Command(name = "reply", description = "Answer requests on a subject")
public final class ReplyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<subject>", description = "Subject to answer on")
    String subject;

    @Parameters(index = "1", arity = "0..1", paramLabel = "<body>", description = "The reply body")
    String body;

    @Option(names = "--echo", description = "Answer with the request's own body and headers")
    boolean echo;

    @Option(
            names = {"-q", "--queue"},
            paramLabel = "<group>",
            defaultValue = "NATS-RPLY-22",
            description = "Queue group to join (default ${DEFAULT-VALUE})")
    String queue;

    @Option(
            names = {"-H", "--header"},
            paramLabel = "<key:value>",
            description = "A header to add to replies, repeatable")
    List<String> headers;

    @Option(names = "--count", paramLabel = "<n>", description = "Stop after answering this many requests")
    long count;

    @Override
    public Integer call() throws Exception {
        var cli = Cli.of(spec);
        var echoing = echo || body == null;
        if (echoing && !echo) {
            cli.status("No body given, echoing each request");
        }
        var printer = new MessagePrinter(cli, false);
        var answered = new AtomicLong();
        var done = new CountDownLatch(1);
        try (var connection = cli.connect()) {
            var dispatcher = connection.createDispatcher((Message request) -> {
                var number = answered.incrementAndGet();
                if (count > 0 && number > count) {
                    return;
                }
                printer.print(number, request);
                if (request.getReplyTo() != null && !request.getReplyTo().isEmpty()) {
                    connection.publish(answer(request, number, echoing));
                }
                if (count > 0 && number == count) {
                    done.countDown();
                }
            });
            dispatcher.subscribe(subject, queue);
            connection.flush(cli.timeout());
            cli.status("Listening on \"" + subject + "\" in group \"" + queue + "\"");

            Waiting.untilDone(done);
            connection.flush(cli.timeout());
        }
        return 0;
    }

    private Message answer(Message request, long number, boolean echoing) {
        var builder = NatsMessage.builder().subject(request.getReplyTo());
        if (echoing) {
            return builder.headers(request.getHeaders()).data(request.getData()).build();
        }
        return builder.headers(HeaderOption.parse(headers, number))
                .data(Template.expand(body, number).getBytes(StandardCharsets.UTF_8))
                .build();
    }
}
