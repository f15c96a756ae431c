package io.junction.cli.nats;

import java.io.Console;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the nats commands take from the world around them: where the nats CLI's configuration lives, the environment
 * variables it reads, and whether output goes to a person at a terminal. Tests build one pointing at a temporary
 * folder instead of changing the process's environment.
 *
 * @param configHome the XDG configuration folder; contexts live under {@code <configHome>/nats}
 * @param variables environment variables such as {@code NATS_URL} and {@code NATS_CONTEXT}
 * @param terminal whether standard output is a terminal, which turns on colour and progress bars
 */
public record CliEnvironment(Path configHome, Map<String, String> variables, boolean terminal) {
    public CliEnvironment {
        variables = Map.copyOf(variables);
    }

    /** The running process's environment: {@code $XDG_CONFIG_HOME} or {@code ~/.config}, and its terminal. */
    public static CliEnvironment system() {
        var variables = System.getenv();
        var xdg = variables.get("XDG_CONFIG_HOME");
        var configHome =
                xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        var terminal = isTerminal() && !variables.containsKey("NO_COLOR");
        return new CliEnvironment(configHome, variables, terminal);
    }

    /** A fixed folder, no environment variables and no terminal: what tests use. */
    public static CliEnvironment of(Path configHome) {
        return new CliEnvironment(configHome, Map.of(), false);
    }

    public String variable(String name) {
        var value = variables.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    // From JDK 22 System.console() is there even when output is redirected and Console.isTerminal() tells; on 21
    // a console exists only for a terminal.
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
