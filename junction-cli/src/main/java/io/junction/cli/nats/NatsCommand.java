package io.junction.cli.nats;

import io.junction.cli.VersionProvider;
import io.junction.cli.nats.bench.BenchCommand;
import io.junction.cli.nats.consumer.ConsumerCommand;
import io.junction.cli.nats.context.ContextCommand;
import io.junction.cli.nats.kv.KvCommand;
import io.junction.cli.nats.messaging.PubCommand;
import io.junction.cli.nats.messaging.ReplyCommand;
import io.junction.cli.nats.messaging.RequestCommand;
import io.junction.cli.nats.messaging.SubCommand;
import io.junction.cli.nats.object.ObjectCommand;
import io.junction.cli.nats.server.ServerCommand;
import io.junction.cli.nats.stream.StreamCommand;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code junction nats}: the nats CLI's everyday commands on the official Java client. The connection options are
 * global, so they may come before or after the subcommand, and the nats CLI's context files supply what they omit.
 */
@Command(
        name = "nats",
        scope = ScopeType.INHERIT,
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = "The NATS command-line tools: contexts, messages, streams, consumers, key-value and objects.",
        subcommands = {
            ContextCommand.class,
            PubCommand.class,
            SubCommand.class,
            RequestCommand.class,
            ReplyCommand.class,
            StreamCommand.class,
            ConsumerCommand.class,
            KvCommand.class,
            ObjectCommand.class,
            ServerCommand.class,
            BenchCommand.class
        })
public final class NatsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(
            names = {"-s", "--server"},
            scope = ScopeType.INHERIT,
            paramLabel = "<url>",
            description = "NATS server URLs, comma separated (env NATS_URL; default nats://127.0.0.1:4222)")
    String server;

    @Option(
            names = "--user",
            scope = ScopeType.INHERIT,
            paramLabel = "<user>",
            description = "Username, or a token when no password is given (env NATS_USER)")
    String user;

    @Option(
            names = "--password",
            scope = ScopeType.INHERIT,
            paramLabel = "<password>",
            description = "Password (env NATS_PASSWORD)")
    String password;

    @Option(
            names = "--creds",
            scope = ScopeType.INHERIT,
            paramLabel = "<file>",
            description = "User credentials file (env NATS_CREDS)")
    String creds;

    @Option(
            names = "--nkey",
            scope = ScopeType.INHERIT,
            paramLabel = "<file>",
            description = "User NKey seed file (env NATS_NKEY)")
    String nkey;

    @Option(
            names = "--context",
            scope = ScopeType.INHERIT,
            paramLabel = "<name>",
            description = "Context to use instead of the selected one (env NATS_CONTEXT)")
    String context;

    @Option(
            names = "--timeout",
            scope = ScopeType.INHERIT,
            paramLabel = "<duration>",
            converter = DurationConverter.class,
            description = "Time to wait for connections and responses, such as 5s or 500ms (default 5s)")
    Duration timeout;

    private CliEnvironment environment = CliEnvironment.system();

    /** Points the commands at another configuration folder, environment and terminal; tests use it. */
    public void environment(CliEnvironment environment) {
        this.environment = environment;
    }

    CliEnvironment environment() {
        return environment;
    }

    public String server() {
        return server;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public String creds() {
        return creds;
    }

    public String nkey() {
        return nkey;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
