package io.junction.cli.nats.messaging;

import io.junction.cli.nats.Cli;
import io.nats.client.Message;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nats sub}: prints messages on subjects (wildcards allowed) until the count or an interrupt. */
@Command(name = "sub", aliases = "subscribe", description = "Subscribe to subjects and print the messages")
public final class SubCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "<subject>", description = "Subjects to subscribe to, * and > allowed")
    List<String> subjects;

    @Option(names = "--queue", paramLabel = "<group>", description = "Join this queue group")
    String queue;

    @Option(names = "--count", paramLabel = "<n>", description = "Stop after this many messages")
    long count;

    @Option(
            names = {"-r", "--raw"},
            description = "Print only the bodies")
    boolean raw;

    @Override
    public Integer call() throws Exception {
        var cli = Cli.of(spec);
        var printer = new MessagePrinter(cli, raw);
        var received = new AtomicLong();
        var done = new CountDownLatch(1);
        try (var connection = cli.connect()) {
            var dispatcher = connection.createDispatcher((Message message) -> {
                var number = received.incrementAndGet();
                if (count > 0 && number > count) {
                    return;
                }
                printer.print(number, message);
                if (count > 0 && number == count) {
                    done.countDown();
                }
            });
            for (var subject : subjects) {
                if (queue == null) {
                    dispatcher.subscribe(subject);
                } else {
                    dispatcher.subscribe(subject, queue);
                }
            }
            connection.flush(cli.timeout());
            cli.status("Subscribing on " + String.join(", ", subjects)
                    + (queue == null ? "" : " in queue group " + queue));

            Waiting.untilDone(done);
        }
        return 0;
    }
}
