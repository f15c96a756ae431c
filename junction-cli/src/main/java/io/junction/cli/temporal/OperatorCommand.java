package io.junction.cli.temporal;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code temporal operator}: namespaces and search attributes. */
@Command(
        name = "operator",
        description = "Manage namespaces and search attributes.",
        subcommands = {NamespaceCommand.class, SearchAttributeCommand.class})
final class OperatorCommand implements Runnable {
    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help message and exit")
    boolean help;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
