package io.junction.cli.temporal;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code temporal workflow}: start, inspect, message and end workflow executions. */
@Command(
        name = "workflow",
        description = "Start, list, inspect, signal, query, cancel and terminate workflow executions.",
        subcommands = {
            WorkflowStartCommand.class,
            WorkflowExecuteCommand.class,
            WorkflowListCommand.class,
            WorkflowCountCommand.class,
            WorkflowDescribeCommand.class,
            WorkflowShowCommand.class,
            WorkflowSignalCommand.class,
            WorkflowQueryCommand.class,
            WorkflowResultCommand.class,
            WorkflowCancelCommand.class,
            WorkflowTerminateCommand.class
        })
final class WorkflowCommand implements Runnable {
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
