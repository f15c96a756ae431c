package io.junction.cli.nats.bench;

import io.junction.cli.nats.Cli;
import io.junction.cli.nats.CliException;
import io.junction.cli.nats.messaging.Waiting;
import io.nats.client.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nats bench}: core NATS loads (publish, subscribe, request and the replier they need), each client on its own
 * connection and thread, with a progress bar at a terminal and a summary of messages and bytes per second.
 */
@Command(
        name = "bench",
        description = "Benchmark publishing, subscribing and requests",
        subcommands = {
            BenchCommand.Pub.class,
            BenchCommand.Sub.class,
            BenchCommand.Request.class,
            BenchCommand.Reply.class
        })
public final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The load's shape, the same for every bench command. */
    abstract static class Load implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "<subject>", description = "Subject to use")
        String subject;

        @Option(names = "--msgs", paramLabel = "<n>", defaultValue = "100000", description = "Messages in total")
        long messages;

        @Option(names = "--size", paramLabel = "<bytes>", defaultValue = "128", description = "Message size")
        int size;

        @Option(names = "--clients", paramLabel = "<n>", defaultValue = "1", description = "Concurrent clients")
        int clients;

        @Override
        public Integer call() throws Exception {
            var cli = Cli.of(spec);
            if (messages < 1 || clients < 1 || size < 0) {
                throw new CliException("--msgs and --clients must be at least 1 and --size not negative");
            }
            var results = new ArrayList<Stats>();
            try (var progress = new Progress(cli, label(), total())) {
                results.addAll(runClients(cli, progress));
            }
            report(cli, results);
            return 0;
        }

        abstract String label();

        /** What the progress bar counts to. */
        long total() {
            return messages;
        }

        abstract Stats client(Connection connection, long share, Progress progress) throws Exception;

        /** This client's part of the messages: an even split, the first clients taking the remainder. */
        long share(int client) {
            return messages / clients + (client < messages % clients ? 1 : 0);
        }

        private List<Stats> runClients(Cli cli, Progress progress) throws Exception {
            var connections = new ArrayList<Connection>();
            try (var pool = Executors.newFixedThreadPool(clients)) {
                for (var i = 0; i < clients; i++) {
                    connections.add(cli.connect());
                }
                var futures = new ArrayList<java.util.concurrent.Future<Stats>>();
                for (var i = 0; i < clients; i++) {
                    var connection = connections.get(i);
                    var share = share(i);
                    futures.add(pool.submit(() -> client(connection, share, progress)));
                }
                var results = new ArrayList<Stats>();
                for (var future : futures) {
                    results.add(unwrap(future));
                }
                return results;
            } finally {
                for (var connection : connections) {
                    connection.close();
                }
            }
        }

        private void report(Cli cli, List<Stats> results) {
            cli.println(Stats.combine(results, size).summary(label()));
            if (results.size() > 1) {
                for (var i = 0; i < results.size(); i++) {
                    cli.println(" [" + (i + 1) + "] " + results.get(i).summary(label()));
                }
            }
        }

        private static Stats unwrap(java.util.concurrent.Future<Stats> future) throws Exception {
            try {
                return future.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        }
    }

    @Command(name = "pub", description = "Publish messages as fast as the connection takes them")
    static final class Pub extends Load {
        @Override
        String label() {
            return "Pub";
        }

        @Override
        Stats client(Connection connection, long share, Progress progress) throws Exception {
            var payload = new byte[size];
            var started = System.nanoTime();
            for (var i = 0L; i < share; i++) {
                connection.publish(subject, payload);
                if ((i & 1023) == 1023) {
                    progress.add(1024);
                }
            }
            connection.flush(Duration.ofSeconds(30));
            progress.add(share & 1023);
            return new Stats(share, size, Duration.ofNanos(System.nanoTime() - started));
        }
    }

    @Command(name = "sub", description = "Receive messages until --msgs have arrived on every client")
    static final class Sub extends Load {
        private final CountDownLatch ready = new CountDownLatch(1);

        @Override
        String label() {
            return "Sub";
        }

        @Override
        long total() {
            return messages * clients;
        }

        @Override
        long share(int client) {
            return messages;
        }

        @Override
        Stats client(Connection connection, long share, Progress progress) throws Exception {
            var received = new AtomicLong();
            var first = new AtomicLong();
            var last = new AtomicLong();
            var done = new CountDownLatch(1);
            var dispatcher = connection.createDispatcher(message -> {
                var count = received.incrementAndGet();
                if (count == 1) {
                    first.set(System.nanoTime());
                }
                progress.add(1);
                if (count == share) {
                    last.set(System.nanoTime());
                    done.countDown();
                }
            });
            dispatcher.subscribe(subject);
            connection.flush(Duration.ofSeconds(5));
            if (ready.getCount() > 0) {
                ready.countDown();
                Cli.of(spec).status("Waiting for " + share + " messages on " + subject);
            }
            Waiting.untilDone(done);
            var end = last.get() == 0 ? System.nanoTime() : last.get();
            var start = first.get() == 0 ? end : first.get();
            return new Stats(received.get(), size, Duration.ofNanos(end - start));
        }
    }

    @Command(name = "request", description = "Send requests one after another and wait for each reply")
    static final class Request extends Load {
        @Override
        String label() {
            return "Request";
        }

        @Override
        Stats client(Connection connection, long share, Progress progress) throws Exception {
            var payload = new byte[size];
            var started = System.nanoTime();
            for (var i = 0L; i < share; i++) {
                if (connection.request(subject, payload, Duration.ofSeconds(5)) == null) {
                    throw new CliException("no reply on " + subject + " (is a bench reply running?)");
                }
                progress.add(1);
            }
            return new Stats(share, size, Duration.ofNanos(System.nanoTime() - started));
        }
    }

    @Command(name = "reply", description = "Answer --msgs requests with --size bytes, for bench request")
    static final class Reply extends Load {
        @Override
        String label() {
            return "Reply";
        }

        @Override
        Stats client(Connection connection, long share, Progress progress) throws Exception {
            var payload = new byte[size];
            var answered = new AtomicLong();
            var first = new AtomicLong();
            var done = new CountDownLatch(1);
            var dispatcher = connection.createDispatcher(message -> {
                if (answered.get() == 0) {
                    first.set(System.nanoTime());
                }
                connection.publish(message.getReplyTo(), payload);
                progress.add(1);
                if (answered.incrementAndGet() == share) {
                    done.countDown();
                }
            });
            dispatcher.subscribe(subject, "bench-reply");
            connection.flush(Duration.ofSeconds(5));
            Cli.of(spec).status("Answering " + share + " requests on " + subject);
            Waiting.untilDone(done);
            connection.flush(Duration.ofSeconds(5));
            var start = first.get() == 0 ? System.nanoTime() : first.get();
            return new Stats(answered.get(), size, Duration.ofNanos(System.nanoTime() - start));
        }
    }
}
