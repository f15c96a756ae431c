package io.junction.cli.nats;

import io.junction.cli.Junction;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code junction <args>} in this JVM as a user would type it, with the nats configuration under a given folder,
 * and captures standard output, standard error and the exit status. {@link #background} runs a long-lived command
 * (sub, reply, watch) on its own thread.
 */
public final class CliRunner {
    private final Path configHome;

    public CliRunner(Path configHome) {
        this.configHome = configHome;
    }

    public record Result(int exitCode, String out, String err) {
        public List<String> errLines() {
            return err.lines().toList();
        }
    }

    /** A command running on its own thread; {@link #stop} interrupts it as Control-C would. */
    public static final class Running {
        private final StringWriter out;
        private final StringWriter err;
        private final Thread thread;
        private final CompletableFuture<Integer> exit;

        private Running(StringWriter out, StringWriter err, Thread thread, CompletableFuture<Integer> exit) {
            this.out = out;
            this.err = err;
            this.thread = thread;
            this.exit = exit;
        }

        public String out() {
            return out.toString();
        }

        public String err() {
            return err.toString();
        }

        public boolean isDone() {
            return exit.isDone();
        }

        public Result stop() throws Exception {
            thread.interrupt();
            return await(Duration.ofSeconds(10));
        }

        public Result await(Duration timeout) throws Exception {
            var code = exit.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Result(code, out(), err());
        }
    }

    public Result run(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        var code = commandLine(out, err).execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    public Running background(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        var exit = new CompletableFuture<Integer>();
        var thread = new Thread(
                () -> {
                    try {
                        exit.complete(commandLine(out, err).execute(args));
                    } catch (Throwable e) {
                        exit.completeExceptionally(e);
                    }
                },
                "cli-" + String.join("-", args));
        thread.setDaemon(true);
        thread.start();
        return new Running(out, err, thread, exit);
    }

    private picocli.CommandLine commandLine(StringWriter out, StringWriter err) {
        var commandLine = Junction.commandLine(CliEnvironment.of(configHome));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine;
    }
}
