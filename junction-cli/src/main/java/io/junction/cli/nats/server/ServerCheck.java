package io.junction.cli.nats.server;

import io.junction.cli.nats.Cli;
import io.junction.cli.nats.CliException;
import io.junction.cli.nats.DurationConverter;
import io.junction.cli.nats.Errors;
import io.junction.cli.nats.Human;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nats server check}: health checks for monitoring systems, each printing one Nagios line and exiting 0 (OK),
 * 1 (WARNING), 2 (CRITICAL) or 3 (UNKNOWN), as the nats CLI's checks do.
 */
@Command(
        name = "check",
        description = "Health checks for monitoring systems (Nagios format and exit codes)",
        subcommands = {
            ServerCheck.ConnectionCheck.class,
            ServerCheck.JetStreamCheck.class,
            ServerCheck.StreamCheck.class
        })
final class ServerCheck implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "connection", aliases = "conn", description = "Connect, ping and make a request")
    static final class ConnectionCheck implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(
                names = "--connect-warn",
                paramLabel = "<duration>",
                converter = DurationConverter.class,
                defaultValue = "500ms",
                description = "Warn when connecting takes longer (default 500ms)")
        Duration connectWarn;

        @Option(
                names = "--connect-critical",
                paramLabel = "<duration>",
                converter = DurationConverter.class,
                defaultValue = "1s",
                description = "Critical when connecting takes longer (default 1s)")
        Duration connectCritical;

        @Option(
                names = "--rtt-warn",
                paramLabel = "<duration>",
                converter = DurationConverter.class,
                defaultValue = "500ms",
                description = "Warn when the round trip takes longer (default 500ms)")
        Duration rttWarn;

        @Option(
                names = "--rtt-critical",
                paramLabel = "<duration>",
                converter = DurationConverter.class,
                defaultValue = "1s",
                description = "Critical when the round trip takes longer (default 1s)")
        Duration rttCritical;

        @Option(
                names = "--req-warn",
                paramLabel = "<duration>",
                converter = DurationConverter.class,
                defaultValue = "500ms",
                description = "Warn when a request takes longer (default 500ms)")
        Duration requestWarn;

        @Option(
                names = "--req-critical",
                paramLabel = "<duration>",
                converter = DurationConverter.class,
                defaultValue = "1s",
                description = "Critical when a request takes longer (default 1s)")
        Duration requestCritical;

        @Override
        public Integer call() throws Exception {
            var cli = Cli.of(spec);
            var result = new CheckResult("Connection");
            var started = System.nanoTime();
            try (var connection = cli.connect()) {
                var connectTime = Duration.ofNanos(System.nanoTime() - started);
                judge(
                        result,
                        "connected to " + connection.getConnectedUrl(),
                        "connect_time",
                        connectTime,
                        connectWarn,
                        connectCritical);
                judge(result, "rtt", "rtt", connection.RTT(), rttWarn, rttCritical);
                judge(
                        result,
                        "round trip request",
                        "request_time",
                        requestTime(connection, cli.timeout()),
                        requestWarn,
                        requestCritical);
            } catch (CliException e) {
                result.critical(e.getMessage());
            }
            return report(cli, result);
        }

        private static Duration requestTime(Connection connection, Duration timeout) throws Exception {
            var subject = connection.createInbox();
            var dispatcher =
                    connection.createDispatcher(message -> connection.publish(message.getReplyTo(), message.getData()));
            dispatcher.subscribe(subject);
            connection.flush(timeout);
            var started = System.nanoTime();
            var reply = connection.request(subject, new byte[0], timeout);
            if (reply == null) {
                throw new CliException("no reply to a request within " + Human.duration(timeout));
            }
            return Duration.ofNanos(System.nanoTime() - started);
        }

        private static void judge(
                CheckResult result, String what, String label, Duration took, Duration warn, Duration critical) {
            var text = what + " in " + Human.duration(took);
            if (took.compareTo(critical) > 0) {
                result.critical(text);
            } else if (took.compareTo(warn) > 0) {
                result.warning(text);
            } else {
                result.ok(text);
            }
            result.measure(label, seconds(took), "s", seconds(warn), seconds(critical));
        }

        private static double seconds(Duration duration) {
            return duration.toNanos() / 1e9;
        }
    }

    @Command(name = "jetstream", aliases = "js", description = "JetStream is up and within its account limits")
    static final class JetStreamCheck implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--mem-warn", paramLabel = "<percent>", defaultValue = "75", description = "Memory use warning")
        int memoryWarn;

        @Option(
                names = "--mem-critical",
                paramLabel = "<percent>",
                defaultValue = "90",
                description = "Memory use critical")
        int memoryCritical;

        @Option(names = "--store-warn", paramLabel = "<percent>", defaultValue = "75", description = "File use warning")
        int storeWarn;

        @Option(
                names = "--store-critical",
                paramLabel = "<percent>",
                defaultValue = "90",
                description = "File use critical")
        int storeCritical;

        @Override
        public Integer call() throws Exception {
            var cli = Cli.of(spec);
            var result = new CheckResult("JetStream");
            try (var connection = cli.connect()) {
                var statistics = Cli.management(connection, cli.timeout()).getAccountStatistics();
                var limits = statistics.getLimits();
                usage(result, "memory", statistics.getMemory(), limits.getMaxMemory(), memoryWarn, memoryCritical);
                usage(result, "storage", statistics.getStorage(), limits.getMaxStorage(), storeWarn, storeCritical);
                result.ok(statistics.getStreams() + " streams, " + statistics.getConsumers() + " consumers")
                        .measure("streams", statistics.getStreams())
                        .measure("consumers", statistics.getConsumers());
            } catch (CliException e) {
                result.critical(e.getMessage());
            } catch (JetStreamApiException | java.io.IOException e) {
                result.critical("JetStream is not available: " + Errors.describe(e));
            }
            return report(cli, result);
        }

        private static void usage(CheckResult result, String what, long used, long limit, int warn, int critical) {
            result.measure(what, used);
            if (limit <= 0) {
                result.ok(what + " " + Human.bytes(used) + " of no limit");
                return;
            }
            var percent = used * 100.0 / limit;
            var text = String.format(java.util.Locale.ROOT, "%s %.0f%% of %s", what, percent, Human.bytes(limit));
            if (percent >= critical) {
                result.critical(text);
            } else if (percent >= warn) {
                result.warning(text);
            } else {
                result.ok(text);
            }
        }
    }

    @Command(name = "stream", description = "A stream exists and holds enough messages")
    static final class StreamCheck implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--stream", required = true, paramLabel = "<stream>", description = "The stream to check")
        String stream;

        @Option(names = "--msgs-warn", paramLabel = "<n>", description = "Warn with fewer messages than this")
        Long messagesWarn;

        @Option(names = "--msgs-critical", paramLabel = "<n>", description = "Critical with fewer messages than this")
        Long messagesCritical;

        @Override
        public Integer call() throws Exception {
            var cli = Cli.of(spec);
            var result = new CheckResult("Stream " + stream);
            try (var connection = cli.connect()) {
                var state = Cli.management(connection, cli.timeout())
                        .getStreamInfo(stream)
                        .getStreamState();
                var messages = state.getMsgCount();
                var text = Human.count(messages) + " messages";
                if (messagesCritical != null && messages < messagesCritical) {
                    result.critical(text);
                } else if (messagesWarn != null && messages < messagesWarn) {
                    result.warning(text);
                } else {
                    result.ok(text);
                }
                result.measure("messages", messages)
                        .measure("bytes", state.getByteCount())
                        .measure("consumers", state.getConsumerCount())
                        .measure("subjects", state.getSubjectCount());
            } catch (CliException e) {
                result.critical(e.getMessage());
            } catch (JetStreamApiException e) {
                result.critical(e.getErrorDescription());
            }
            return report(cli, result);
        }
    }

    private static int report(Cli cli, CheckResult result) {
        cli.println(result.line());
        return result.exitCode();
    }
}
