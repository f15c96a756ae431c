package io.junction.cli.nats.messaging;

import io.junction.cli.nats.CliException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** A message body from the argument, or from standard input when the argument is left out. */
final class Body {
    private Body() {}

    static String fromArgumentOrStdin(String argument, io.junction.cli.nats.Cli cli) {
        if (argument != null) {
            return argument;
        }
        if (cli.environment().terminal()) {
            cli.status("Reading payload from STDIN");
        }
        try {
            return new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException("could not read the body from standard input: " + e.getMessage(), e);
        }
    }
}
