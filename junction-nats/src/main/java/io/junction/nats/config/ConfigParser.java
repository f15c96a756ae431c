package io.junction.nats.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;

/**
 * Parses a configuration file with everything it includes, and the environment values its variables refer to.
 *
 * <p>One instance serves one load: it remembers the files and environment variables being read so that an include
 * cycle or a self-referring environment variable fails with an error instead of recursing forever. Not thread-safe.
 */
final class ConfigParser {
    private static final String ENVIRONMENT_KEY = "pk";
    private static final int MAX_INCLUDE_DEPTH = 32;

    private final Function<String, String> environment;
    private final Set<Path> filesInProgress = new HashSet<>();
    private final Set<String> variablesInProgress = new HashSet<>();

    /**
     * @param environment looks up environment variables, returning null for unset ones
     */
    ConfigParser(Function<String, String> environment) {
        this.environment = environment;
    }

    /**
     * @throws ConfigException naming the file when it cannot be read or has a syntax error
     */
    ConfigMap parseFile(Path file) {
        String text;
        try {
            text = read(file);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read the configuration file: " + reason(e), e);
        }
        return parseOpened(file, text);
    }

    /**
     * @param directory where relative includes are found, or null for the working directory
     */
    ConfigMap parseText(String text, String fileName, Path directory) {
        return new Parser(text, fileName, directory, this).parse();
    }

    /**
     * The included file, found as nats-server finds it: its name joined to the including file's directory, even
     * when the name starts with {@code /}.
     */
    ConfigMap include(Path directory, String name, Position at) {
        Path file;
        try {
            file = Path.of(directory == null ? "." : directory.toString(), name).normalize();
        } catch (InvalidPathException e) {
            throw ConfigException.at(at, "error parsing include file '" + name + "': " + e.getReason());
        }
        if (filesInProgress.contains(file.toAbsolutePath().normalize())) {
            throw ConfigException.at(at, "include '" + name + "' forms a cycle: " + file + " is already being read");
        }
        if (filesInProgress.size() >= MAX_INCLUDE_DEPTH) {
            throw ConfigException.at(at, "includes are nested more than " + MAX_INCLUDE_DEPTH + " deep");
        }
        String text;
        try {
            text = read(file);
        } catch (IOException e) {
            var hint = name.startsWith("/") ? " (include paths are relative to the including file's directory)" : "";
            throw ConfigException.at(
                    at, "error parsing include file '" + name + "': cannot read " + file + ": " + reason(e) + hint);
        }
        return parseOpened(file, text);
    }

    /** The value of an environment variable, parsed as a value in a file, or null when it is not set. */
    ConfigValue environmentValue(String name, Position at) {
        var text = environment.apply(name);
        if (text == null) {
            return null;
        }
        if (!variablesInProgress.add(name)) {
            throw ConfigException.at(at, "environment variable '" + name + "' refers to itself");
        }
        try {
            var parsed = parseText(ENVIRONMENT_KEY + "=" + text, "environment variable " + name, null);
            var entry = parsed.entry(ENVIRONMENT_KEY);
            return entry == null ? null : entry.value().at(at);
        } catch (ConfigException e) {
            throw ConfigException.at(
                    at, "variable reference for '" + name + "' could not be parsed: " + e.getMessage());
        } finally {
            variablesInProgress.remove(name);
        }
    }

    private ConfigMap parseOpened(Path file, String text) {
        var key = file.toAbsolutePath().normalize();
        filesInProgress.add(key);
        try {
            return parseText(text, file.toString(), file.getParent());
        } finally {
            filesInProgress.remove(key);
        }
    }

    private static String read(Path file) throws IOException {
        // Like Go, take invalid UTF-8 as replacement characters rather than failing.
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }

    private static String reason(IOException e) {
        return switch (e) {
            case NoSuchFileException ignored -> "no such file";
            case AccessDeniedException ignored -> "permission denied";
            default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        };
    }
}
