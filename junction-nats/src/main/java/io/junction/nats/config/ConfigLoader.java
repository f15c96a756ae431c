package io.junction.nats.config;

import io.junction.nats.server.ServerOptions;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;

/**
 * Reads a {@code nats.conf} file into server options, as nats-server 2.9 reads it.
 *
 * <p>The whole syntax is understood: {@code =}, {@code :} or white space between key and value, maps, arrays,
 * comments, quoted and block strings, sizes such as {@code 1G} (10^9) and {@code 1GB} (2^30), {@code include}
 * and {@code $variables} from enclosing maps or the environment. Setting names match in any case, and nats-server's
 * aliases are accepted. A key nats-server does not know is an error, as it is there; settings nats-server knows
 * but Junction does not serve yet are accepted and logged, except operator mode, which is refused.
 *
 * <p>Thread-safe: each call works on its own state. It logs through SLF4J: a WARN for each setting that is ignored
 * in a way clients notice (such as {@code tls} or {@code accounts}), DEBUG for other ignored settings.
 */
public final class ConfigLoader {
    private ConfigLoader() {}

    /**
     * Parses the file and applies every setting it holds on top of nats-server's defaults, resolving variables
     * against the process environment.
     *
     * @return a builder the caller may override further, as command-line flags override the file
     * @throws ConfigException naming the file, line, column and problem when the file cannot be read or is invalid;
     *     when several settings are wrong, the message has one line for each
     */
    public static ServerOptions.Builder load(Path file) {
        return load(file, System::getenv);
    }

    /**
     * As {@link #load(Path)}, with environment variables looked up through {@code environment}, which returns null
     * for an unset variable.
     */
    static ServerOptions.Builder load(Path file, Function<String, String> environment) {
        Objects.requireNonNull(file, "file");
        var root = new ConfigParser(environment).parseFile(file);
        var builder = ServerOptions.builder().configFile(file);
        new TopLevelSettings(builder).apply(root);
        return builder;
    }
}
