package io.junction.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code junction} command: one jar that runs the server and, later, speaks the nats and temporal CLIs. */
@Command(
        name = "junction",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Junction: a NATS server with JetStream and a Temporal service in one process.",
        subcommands = {ServerCommand.class, CommandLine.HelpCommand.class})
public final class Junction implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new Junction()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
