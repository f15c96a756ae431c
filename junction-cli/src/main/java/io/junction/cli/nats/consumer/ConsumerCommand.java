package io.junction.cli.nats.consumer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code nats consumer}: create, inspect and read from JetStream consumers. */
@Command(
        name = "consumer",
        aliases = {"con", "obs"},
        description = "JetStream consumer management",
        subcommands = {
            ConsumerAdd.class,
            ConsumerInfoCommand.class,
            ConsumerList.class,
            ConsumerNext.class,
            ConsumerRemove.class
        })
public final class ConsumerCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
