package io.junction.nats.config;

import io.junction.nats.config.ConfigValue.ArrayValue;
import io.junction.nats.config.ConfigValue.BoolValue;
import io.junction.nats.config.ConfigValue.DateTimeValue;
import io.junction.nats.config.ConfigValue.FloatValue;
import io.junction.nats.config.ConfigValue.IntegerValue;
import io.junction.nats.config.ConfigValue.StringValue;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;

/**
 * Builds the maps and arrays of one file from its tokens, resolving variables and includes as nats-server does.
 *
 * <p>A {@code $name} value is looked up among the keys already set in the enclosing maps, innermost first, then in
 * the environment; an environment value is parsed as if written in the file. {@code $2a$...} is a bcrypt hash,
 * not a variable. An included file is parsed on its own, so it sees only its own variables, and its keys are then
 * set in the map where the {@code include} stood.
 */
final class Parser {
    private static final int MAX_DEPTH = 128;
    private static final String BCRYPT_PREFIX = "2a$";

    private final Lexer lexer;
    private final String file;
    private final Path directory;
    private final ConfigParser session;
    private final Deque<ConfigMap> scopes = new ArrayDeque<>();

    /**
     * @param directory where relative includes are found, or null for the working directory
     */
    Parser(String text, String file, Path directory, ConfigParser session) {
        this.lexer = new Lexer(text, file);
        this.file = file;
        this.directory = directory;
        this.session = session;
    }

    /**
     * @throws ConfigException naming the file, line and column of the first problem
     */
    ConfigMap parse() {
        var root = new ConfigMap(new Position(file, 1, 1));
        scopes.push(root);
        while (true) {
            var token = lexer.next();
            switch (token.type()) {
                case EOF -> {
                    return root;
                }
                case KEY -> {
                    if (!entry(root, token)) {
                        return root;
                    }
                }
                case INCLUDE -> include(root, token);
                default -> throw unexpected(token);
            }
        }
    }

    /** Reads the value of a key into the map; false when the file ended instead. */
    private boolean entry(ConfigMap map, Token key) {
        var first = lexer.next();
        if (first.type() == Token.Type.EOF) {
            // A closing brace left over from a JSON-style file is a key without value; nats-server 2.10 allows it.
            if (key.text().equals("}")) {
                return false;
            }
            throw ConfigException.at(key.position(), "expected a value after '" + key.text() + "'");
        }
        map.put(new ConfigEntry(key.text(), key.position(), value(first, 0)));
        return true;
    }

    private ConfigValue value(Token token, int depth) {
        var position = token.position();
        return switch (token.type()) {
            case STRING -> new StringValue(token.text(), position);
            case BOOL -> new BoolValue(Booleans.parse(token.text()), position);
            case INTEGER -> new IntegerValue(Sizes.integer(token.text(), position), position);
            case FLOAT -> new FloatValue(floatValue(token), position);
            case DATETIME -> new DateTimeValue(dateTime(token), position);
            case VARIABLE -> variable(token.text(), position);
            case ARRAY_START -> array(token, depth + 1);
            case MAP_START -> map(token, depth + 1);
            default -> throw unexpected(token);
        };
    }

    private ArrayValue array(Token start, int depth) {
        checkDepth(start, depth);
        var values = new ArrayList<ConfigValue>();
        for (var token = lexer.next(); token.type() != Token.Type.ARRAY_END; token = lexer.next()) {
            values.add(value(token, depth));
        }
        return new ArrayValue(values, start.position());
    }

    private ConfigMap map(Token start, int depth) {
        checkDepth(start, depth);
        var map = new ConfigMap(start.position());
        scopes.push(map);
        for (var token = lexer.next(); token.type() != Token.Type.MAP_END; token = lexer.next()) {
            if (token.type() == Token.Type.INCLUDE) {
                include(map, token);
            } else if (token.type() == Token.Type.KEY) {
                map.put(new ConfigEntry(token.text(), token.position(), value(lexer.next(), depth)));
            } else {
                throw unexpected(token);
            }
        }
        scopes.pop();
        return map;
    }

    private ConfigValue variable(String name, Position position) {
        if (name.startsWith(BCRYPT_PREFIX)) {
            return new StringValue("$" + name, position);
        }
        for (var scope : scopes) {
            var entry = scope.entry(name);
            if (entry != null) {
                entry.markUsedAsVariable();
                return entry.value().at(position);
            }
        }
        var fromEnvironment = session.environmentValue(name, position);
        if (fromEnvironment == null) {
            throw ConfigException.at(
                    position, "variable reference for '" + name + "' can not be found in the file or the environment");
        }
        return fromEnvironment;
    }

    private void include(ConfigMap map, Token token) {
        var included = session.include(directory, token.text(), token.position());
        for (var entry : included.entries()) {
            map.put(entry);
        }
    }

    private static double floatValue(Token token) {
        var value = Double.parseDouble(token.text());
        if (Double.isInfinite(value)) {
            throw ConfigException.at(token.position(), "float '" + token.text() + "' is out of range");
        }
        return value;
    }

    private static Instant dateTime(Token token) {
        try {
            return Instant.parse(token.text());
        } catch (DateTimeParseException e) {
            throw ConfigException.at(
                    token.position(), "expected a date and time in Zulu form, got '" + token.text() + "'");
        }
    }

    private static void checkDepth(Token token, int depth) {
        if (depth > MAX_DEPTH) {
            throw ConfigException.at(token.position(), "maps and arrays are nested more than " + MAX_DEPTH + " deep");
        }
    }

    private static ConfigException unexpected(Token token) {
        return ConfigException.at(token.position(), "unexpected " + token.type() + " '" + token.text() + "'");
    }
}
