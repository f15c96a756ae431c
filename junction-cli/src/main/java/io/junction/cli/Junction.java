package io.junction.cli;

import io.junction.cli.nats.CliEnvironment;
import io.junction.cli.nats.Errors;
import io.junction.cli.nats.NatsCommand;
import io.junction.cli.temporal.TemporalCommand;
import io.junction.cli.temporal.TemporalErrors;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code junction} command: one jar that runs the server, speaks the nats and temporal CLIs. */
@Command(
        name = "junction",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Junction: a NATS server with JetStream and a Temporal service in one process.",
        subcommands = {ServerCommand.class, NatsCommand.class, TemporalCommand.class, CommandLine.HelpCommand.class})
public final class Junction implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return commandLine(CliEnvironment.system());
    }

    /** The command line with the nats commands reading contexts and the terminal from the given environment. */
    public static CommandLine commandLine(CliEnvironment environment) {
        var commandLine = new CommandLine(new Junction()).setCaseInsensitiveEnumValuesAllowed(true);
        ((NatsCommand) commandLine.getSubcommands().get("nats").getCommand()).environment(environment);
        Errors.install(commandLine);
        TemporalErrors.install(commandLine);
        return commandLine;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
