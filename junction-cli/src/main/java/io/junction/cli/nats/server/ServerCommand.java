package io.junction.cli.nats.server;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code nats server}: what a server says about itself, and health checks for monitoring systems. */
@Command(
        name = "server",
        aliases = "srv",
        description = "Server information and health checks",
        subcommands = {ServerInfo.class, ServerCheck.class})
public final class ServerCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
