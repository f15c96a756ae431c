package io.junction.cli.temporal;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A temporal subcommand that talks to the server. Any failure becomes one line on standard error, {@code Error:
 * <what>}, and exit status 1, as the temporal CLI reports it; never a stack trace.
 */
abstract class ClientCommand implements Callable<Integer> {
    static final int OK = 0;
    static final int FAILED = 1;

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help message and exit")
    boolean help;

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() {
        Quiet.logging();
        try (var session = Session.of(spec)) {
            try {
                return run(session);
            } catch (CliException e) {
                session.error(e.getMessage());
            } catch (RuntimeException e) {
                session.error(
                        e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
            }
            return FAILED;
        }
    }

    /** Does the command's work, returning the exit status; throws {@link CliException} with what went wrong. */
    abstract int run(Session session);
}
