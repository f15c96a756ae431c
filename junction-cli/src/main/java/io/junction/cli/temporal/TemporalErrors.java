package io.junction.cli.temporal;

import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;

/**
 * Makes a usage mistake under {@code temporal} (a missing or unknown flag, a bad duration) one line on standard
 * error, {@code Error: <what> (see <command> --help)}, with exit status 1, as the temporal CLI reports it. Usage
 * mistakes of other commands keep the handler they had. Failures while running are handled by each command.
 */
public final class TemporalErrors {
    private TemporalErrors() {}

    /** Installs the handler on the {@code junction} command line; call once, before {@code execute}. */
    public static void install(CommandLine junction) {
        junction.setParameterExceptionHandler(handler(junction.getParameterExceptionHandler()));
    }

    private static IParameterExceptionHandler handler(IParameterExceptionHandler fallback) {
        return (exception, args) -> {
            var commandLine = exception.getCommandLine();
            if (!underTemporal(commandLine)) {
                return fallback.handleParseException(exception, args);
            }
            var err = commandLine.getErr();
            // CLI-OUTPUT:BEGIN
            err.println("Error: " + exception.getMessage() + " (see "
                    + commandLine.getCommandSpec().qualifiedName() + " --help)");
            // CLI-OUTPUT:END
            err.flush();
            return ClientCommand.FAILED;
        };
    }

    private static boolean underTemporal(CommandLine commandLine) {
        for (var spec = commandLine.getCommandSpec(); spec != null; spec = spec.parent()) {
            if (spec.userObject() instanceof TemporalCommand) {
                return true;
            }
        }
        return false;
    }
}
