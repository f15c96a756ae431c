package io.junction.cli.nats;

import io.nats.client.JetStreamApiException;
import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns any failure of a nats command into one line on standard error, {@code nats: error: <what>}, and exit status
 * 1, as the nats CLI reports; never a stack trace. Failures of other commands keep picocli's handling.
 */
public final class Errors {
    public static final int FAILED = 1;

    private Errors() {}

    /** Installs the handlers on the junction command line. */
    public static void install(CommandLine commandLine) {
        var defaultParameterHandler = commandLine.getParameterExceptionHandler();
        commandLine.setParameterExceptionHandler(parameterHandler(defaultParameterHandler));
        commandLine.setExecutionExceptionHandler(executionHandler());
    }

    /** The one-line text for a failure. */
    public static String describe(Throwable failure) {
        return switch (failure) {
            case CliException e -> e.getMessage();
            case JetStreamApiException e -> e.getErrorDescription();
            case TimeoutException e -> "timeout waiting for a response";
            case InterruptedException e -> "interrupted";
            case IOException e
            when e.getMessage() != null && e.getMessage().contains("Timeout") ->
                "timeout: " + e.getMessage().toLowerCase(Locale.ROOT);
            case IllegalArgumentException e when e.getMessage() != null -> e.getMessage();
            case IllegalStateException e when e.getMessage() != null -> e.getMessage();
            default ->
                failure.getMessage() != null
                        ? failure.getMessage()
                        : failure.getClass().getSimpleName();
        };
    }

    private static IParameterExceptionHandler parameterHandler(IParameterExceptionHandler fallback) {
        return (ParameterException e, String[] args) -> {
            var commandLine = e.getCommandLine();
            if (!underNats(commandLine)) {
                return fallback.handleParseException(e, args);
            }
            var message = e.getCause() != null && e.getCause().getMessage() != null
                    ? e.getCause().getMessage()
                    : e.getMessage();
            print(commandLine, message + " (see " + commandLine.getCommandSpec().qualifiedName() + " --help)");
            return FAILED;
        };
    }

    private static IExecutionExceptionHandler executionHandler() {
        return (Exception e, CommandLine commandLine, ParseResult parseResult) -> {
            if (!underNats(commandLine)) {
                throw e;
            }
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            print(commandLine, describe(e));
            return FAILED;
        };
    }

    private static void print(CommandLine commandLine, String message) {
        var err = commandLine.getErr();
        // CLI-OUTPUT:BEGIN
        err.println("nats: error: " + message);
        // CLI-OUTPUT:END
        err.flush();
    }

    private static boolean underNats(CommandLine commandLine) {
        for (var spec = commandLine.getCommandSpec(); spec != null; spec = spec.parent()) {
            if (spec.userObject() instanceof NatsCommand) {
                return true;
            }
        }
        return false;
    }
}
