package io.junction.cli.nats;

import io.junction.cli.Style;
import io.junction.cli.nats.context.ContextStore;
import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What a nats subcommand needs while it runs: its output streams, the terminal's style, the context files and a
 * connection made from the global options. One per command run; not shared between threads except for output,
 * which is synchronized by {@link PrintWriter}.
 */
public final class Cli {
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final NatsCommand root;
    private final CommandSpec spec;

    private Cli(NatsCommand root, CommandSpec spec) {
        this.root = root;
        this.spec = spec;
    }

    /** The CLI for a command anywhere under {@code nats}. */
    public static Cli of(CommandSpec spec) {
        for (var current = spec; current != null; current = current.parent()) {
            if (current.userObject() instanceof NatsCommand root) {
                return new Cli(root, spec);
            }
        }
        throw new IllegalStateException(spec.qualifiedName() + " is not under the nats command");
    }

    public PrintWriter out() {
        return spec.commandLine().getOut();
    }

    public PrintWriter err() {
        return spec.commandLine().getErr();
    }

    public CliEnvironment environment() {
        return root.environment();
    }

    public Style style() {
        return new Style(environment().terminal());
    }

    public ContextStore contexts() {
        return new ContextStore(environment().configHome());
    }

    public Duration timeout() {
        return root.timeout != null && !root.timeout.isZero() ? root.timeout : DEFAULT_TIMEOUT;
    }

    /** The global options as given on the command line, for {@code context add}. */
    public NatsCommand flags() {
        return root;
    }

    /** A status line to standard error, with the time in front as the nats CLI logs it. */
    public void status(String text) {
        // CLI-OUTPUT:BEGIN
        err().println(LocalTime.now().format(CLOCK) + " " + text);
        // CLI-OUTPUT:END
        err().flush();
    }

    /** A line of results to standard output. */
    public void println(String text) {
        // CLI-OUTPUT:BEGIN
        out().println(text);
        // CLI-OUTPUT:END
        out().flush();
    }

    /** Text that already ends in its own line breaks. */
    public void print(String text) {
        // CLI-OUTPUT:BEGIN
        out().print(text);
        // CLI-OUTPUT:END
        out().flush();
    }

    /** The server URLs the connection options resolve to. */
    public String serverUrl() {
        return ConnectionSettings.resolve(root, environment()).url();
    }

    /** Connects with the resolved settings, failing with one line that names the server. */
    public Connection connect() {
        var settings = ConnectionSettings.resolve(root, environment());
        var builder = Options.builder()
                .servers(settings.url().split(","))
                .connectionTimeout(timeout())
                .maxReconnects(0)
                .errorListener(new ErrorListener() {});
        if (settings.user() != null) {
            builder.userInfo(settings.user(), settings.password());
        }
        if (settings.token() != null) {
            builder.token(settings.token().toCharArray());
        }
        if (settings.creds() != null) {
            builder.authHandler(Nats.credentials(readable(settings.creds())));
        }
        if (settings.nkey() != null) {
            builder.authHandler(Nats.staticCredentials(null, seed(settings.nkey())));
        }
        try {
            return Nats.connect(builder.build());
        } catch (IOException e) {
            throw new CliException("could not connect to " + settings.url() + ": " + reason(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while connecting to " + settings.url(), e);
        }
    }

    /** The JetStream management API with this command's timeout. */
    public static JetStreamManagement management(Connection connection, Duration timeout) {
        try {
            return connection.jetStreamManagement(io.nats.client.JetStreamOptions.builder()
                    .requestTimeout(timeout)
                    .build());
        } catch (IOException e) {
            throw new CliException("JetStream is not available: " + e.getMessage(), e);
        }
    }

    private static String reason(IOException e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        var message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return message.replace("Unable to connect to NATS servers: ", "").toLowerCase(java.util.Locale.ROOT);
    }

    private static String readable(String file) {
        if (!Files.isReadable(Path.of(file))) {
            throw new CliException("cannot read credentials file " + file);
        }
        return file;
    }

    private static char[] seed(String file) {
        try {
            return Files.readString(Path.of(readable(file)), StandardCharsets.UTF_8)
                    .strip()
                    .toCharArray();
        } catch (IOException e) {
            throw new CliException("cannot read nkey file " + file + ": " + e.getMessage(), e);
        }
    }
}
