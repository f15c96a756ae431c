package io.junction.cli.temporal;

import io.junction.cli.Junction;
import io.junction.cli.nats.CliEnvironment;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code junction ...} in the test JVM as the launcher would, with the environment injected, and captures what
 * it prints. Command lines are written as in a shell, single and double quotes included.
 */
final class Cli {
    private final Map<String, String> environment;

    Cli(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    record Result(int exitCode, String out, String err) {}

    Result run(String commandLine) {
        var out = new StringWriter();
        var err = new StringWriter();
        var junction = Junction.commandLine(CliEnvironment.of(Path.of("no-nats-config")));
        junction.setOut(new PrintWriter(out, true));
        junction.setErr(new PrintWriter(err, true));
        var temporal =
                (TemporalCommand) junction.getSubcommands().get("temporal").getCommand();
        temporal.environment(TemporalEnvironment.of(environment));

        var words = words(commandLine);
        if (!words.getFirst().equals("junction")) {
            throw new IllegalArgumentException("a command line starts with junction: " + commandLine);
        }
        var exitCode = junction.execute(words.subList(1, words.size()).toArray(String[]::new));
        return new Result(exitCode, out.toString(), err.toString());
    }

    /** Splits as a POSIX shell does for plain words and single- and double-quoted strings. */
    static List<String> words(String line) {
        var words = new ArrayList<String>();
        var word = new StringBuilder();
        var inWord = false;
        for (var i = 0; i < line.length(); i++) {
            var c = line.charAt(i);
            if (c == '\'' || c == '"') {
                var end = line.indexOf(c, i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("unclosed quote in " + line);
                }
                word.append(line, i + 1, end);
                inWord = true;
                i = end;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
