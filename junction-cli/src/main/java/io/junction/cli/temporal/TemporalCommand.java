package io.junction.cli.temporal;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code junction temporal}: the temporal CLI's workflow and operator commands on Temporal's Java service client.
 * The connection and output options are global, so they may come before or after the subcommand, and
 * {@code TEMPORAL_ADDRESS} and {@code TEMPORAL_NAMESPACE} supply what they omit, as in the temporal CLI.
 */
@Command(
        name = "temporal",
        sortOptions = false,
        description = "The Temporal command-line tools: start, inspect and signal workflows; manage namespaces.",
        subcommands = {WorkflowCommand.class, OperatorCommand.class})
public final class TemporalCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help message and exit")
    boolean help;

    @Option(
            names = "--address",
            scope = ScopeType.INHERIT,
            paramLabel = "<host:port>",
            description = "Temporal Service gRPC endpoint (env TEMPORAL_ADDRESS; default localhost:7233)")
    String address;

    @Option(
            names = {"-n", "--namespace"},
            scope = ScopeType.INHERIT,
            paramLabel = "<namespace>",
            description = "Temporal Service namespace (env TEMPORAL_NAMESPACE; default default)")
    String namespace;

    @Option(
            names = {"-o", "--output"},
            scope = ScopeType.INHERIT,
            paramLabel = "<format>",
            converter = Output.Converter.class,
            description = "Output format: text, json or jsonl (default text)")
    Output output;

    @Option(
            names = "--color",
            scope = ScopeType.INHERIT,
            paramLabel = "<when>",
            converter = ColorMode.Converter.class,
            description = "Colour the output: always, never or auto (default auto: on a terminal, unless NO_COLOR)")
    ColorMode color;

    private TemporalEnvironment environment = TemporalEnvironment.system();

    /** Reads environment variables and the terminal from {@code environment} instead of the process's own. */
    public TemporalCommand environment(TemporalEnvironment environment) {
        this.environment = environment;
        return this;
    }

    TemporalEnvironment environment() {
        return environment;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
