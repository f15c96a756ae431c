package io.junction.cli.temporal;

import java.io.Console;
import java.util.Map;

/**
 * What the temporal commands take from the world around them: the environment variables the temporal CLI reads
 * ({@code TEMPORAL_ADDRESS}, {@code TEMPORAL_NAMESPACE}, {@code NO_COLOR}) and whether standard output is a
 * terminal. Tests build one instead of changing the process's environment.
 *
 * @param variables environment variables by name
 * @param terminal whether standard output is a terminal, which turns on colour unless {@code --color} says otherwise
 */
public record TemporalEnvironment(Map<String, String> variables, boolean terminal) {
    public TemporalEnvironment {
        variables = Map.copyOf(variables);
    }

    /** The running process's environment variables and terminal. */
    public static TemporalEnvironment system() {
        return new TemporalEnvironment(System.getenv(), isTerminal());
    }

    /** The given variables and no terminal: what tests use. */
    public static TemporalEnvironment of(Map<String, String> variables) {
        return new TemporalEnvironment(variables, false);
    }

    /** The variable's value, or null when it is unset or empty. */
    public String variable(String name) {
        var value = variables.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    // From JDK 22 System.console() exists even when output is redirected and Console.isTerminal() tells; on 21 a
    // console exists only for a terminal.
    private static boolean isTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
