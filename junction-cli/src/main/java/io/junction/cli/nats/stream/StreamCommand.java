package io.junction.cli.nats.stream;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code nats stream}: create, inspect, change and empty JetStream streams. */
@Command(
        name = "stream",
        aliases = {"str"},
        description = "JetStream stream management",
        subcommands = {
            StreamAdd.class,
            StreamInfoCommand.class,
            StreamList.class,
            StreamEdit.class,
            StreamRemove.class,
            StreamPurge.class,
            StreamView.class,
            StreamGet.class
        })
public final class StreamCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
