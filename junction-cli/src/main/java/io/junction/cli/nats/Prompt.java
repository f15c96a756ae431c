package io.junction.cli.nats;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Asks before destroying data: at a terminal a yes/no question, elsewhere {@code --force} is required. */
public final class Prompt {
    private Prompt() {}

    /** Returns whether to go ahead; throws when not at a terminal and not forced. */
    public static boolean confirm(Cli cli, String question, boolean force) {
        if (force) {
            return true;
        }
        if (!cli.environment().terminal()) {
            // Lower-case only the question's first letter: what follows names streams, buckets and keys.
            var action = Character.toLowerCase(question.charAt(0)) + question.substring(1);
            throw new CliException("not at a terminal to confirm, use --force (-f) to " + action);
        }
        // CLI-OUTPUT:BEGIN
        cli.out().print(question + "? [y/N] ");
        // CLI-OUTPUT:END
        cli.out().flush();
        try {
            var answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            return answer != null && answer.strip().toLowerCase(Locale.ROOT).startsWith("y");
        } catch (IOException e) {
            throw new CliException("could not read the answer: " + e.getMessage(), e);
        }
    }
}
