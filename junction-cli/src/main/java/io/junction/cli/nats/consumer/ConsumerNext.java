package io.junction.cli.nats.consumer;

import io.junction.cli.nats.Cli;
import io.junction.cli.nats.CliException;
import io.junction.cli.nats.Human;
import io.nats.client.Message;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nats consumer next}: pulls the next messages from a pull consumer and acknowledges them. */
@Command(name = "next", description = "Pull and acknowledge the next messages from a pull consumer")
final class ConsumerNext implements Callable<Integer> {
    private static final Duration MINIMUM_WAIT = Duration.ofSeconds(1);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<stream>", description = "Stream name")
    String stream;

    @Parameters(index = "1", paramLabel = "<consumer>", description = "Consumer name")
    String name;

    @Option(names = "--count", paramLabel = "<n>", defaultValue = "1", description = "How many messages")
    int count;

    @Option(names = "--no-ack", description = "Do not acknowledge the messages")
    boolean noAck;

    @Option(
            names = {"-r", "--raw"},
            description = "Only the bodies")
    boolean raw;

    @Override
    public Integer call() throws Exception {
        var cli = Cli.of(spec);
        try (var connection = cli.connect()) {
            var consumer = connection.getStreamContext(stream).getConsumerContext(name);
            if (consumer.getCachedConsumerInfo().getConsumerConfiguration().getDeliverSubject() != null) {
                throw new CliException("consumer " + name + " is a push consumer; next needs a pull consumer");
            }
            // The client refuses pull waits under a second.
            var wait = cli.timeout().compareTo(MINIMUM_WAIT) < 0 ? MINIMUM_WAIT : cli.timeout();
            for (var n = 0; n < count; n++) {
                var message = consumer.next(wait);
                if (message == null) {
                    throw new CliException("no message received within " + Human.duration(wait));
                }
                print(cli, message);
                if (!noAck) {
                    message.ackSync(cli.timeout());
                    if (!raw) {
                        cli.println("Acknowledged message\n");
                    }
                }
            }
        }
        return 0;
    }

    private void print(Cli cli, Message message) {
        var body = message.getData() == null ? "" : new String(message.getData(), StandardCharsets.UTF_8);
        if (raw) {
            cli.println(body);
            return;
        }
        var meta = message.metaData();
        var heading = "[" + LocalTime.now().format(CLOCK) + "] subj: "
                + io.junction.cli.nats.messaging.Subjects.utf8(message.getSubject()) + " / tries: "
                + meta.deliveredCount() + " / cons seq: " + meta.consumerSequence() + " / str seq: "
                + meta.streamSequence() + " / pending: " + meta.pendingCount();
        cli.print(cli.style().bold(heading) + "\n\n" + body + "\n\n");
    }
}
