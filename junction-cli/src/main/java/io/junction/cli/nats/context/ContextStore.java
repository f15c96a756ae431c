package io.junction.cli.nats.context;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.junction.cli.nats.CliException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The nats CLI's context files under an XDG configuration folder: {@code nats/context/<name>.json} for each context
 * and {@code nats/context.txt} naming the selected one. Not safe against two processes editing at once, as the nats
 * CLI is not either.
 */
public final class ContextStore {
    private static final Pattern VALID_NAME = Pattern.compile("[A-Za-z0-9_.@-]+");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path natsDir;

    public ContextStore(Path configHome) {
        this.natsDir = configHome.resolve("nats");
    }

    public Path file(String name) {
        return natsDir.resolve("context").resolve(name + ".json");
    }

    public boolean exists(String name) {
        return isValidName(name) && Files.isRegularFile(file(name));
    }

    /** The context of that name, or empty when there is no such file. */
    public Optional<NatsContext> load(String name) {
        checkName(name);
        var file = file(name);
        try {
            var tree = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
            if (!(tree instanceof ObjectNode object)) {
                throw new CliException("context " + name + " in " + file + " is not a JSON object");
            }
            return Optional.of(new NatsContext(name, object));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (JsonProcessingException e) {
            throw new CliException("context " + name + " in " + file + " is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new CliException("could not read context " + name + ": " + e.getMessage(), e);
        }
    }

    public void save(NatsContext context) {
        checkName(context.name());
        var file = file(context.name());
        try {
            Files.createDirectories(file.getParent());
            var text = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(context.toJson());
            Files.writeString(file, text + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException("could not save context " + context.name() + ": " + e.getMessage(), e);
        }
    }

    /** The names of every context, sorted. */
    public List<String> names() {
        var dir = natsDir.resolve("context");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(path -> path.getFileName().toString())
                    .filter(file -> file.endsWith(".json"))
                    .map(file -> file.substring(0, file.length() - ".json".length()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new CliException("could not list contexts in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The selected context's name, or null when none is selected. */
    public String selected() {
        try {
            var name = Files.readString(natsDir.resolve("context.txt"), StandardCharsets.UTF_8)
                    .strip();
            return name.isEmpty() ? null : name;
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new CliException("could not read the selected context: " + e.getMessage(), e);
        }
    }

    public void select(String name) {
        if (!exists(name)) {
            throw new CliException("unknown context \"" + name + "\"");
        }
        // Reading it first refuses a broken file before it becomes the selection every later command trips on.
        load(name);
        try {
            Files.createDirectories(natsDir);
            Files.writeString(natsDir.resolve("context.txt"), name, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException("could not select context " + name + ": " + e.getMessage(), e);
        }
    }

    /** Removes a context, and the selection when it named this one. */
    public void remove(String name) {
        if (!exists(name)) {
            throw new CliException("unknown context \"" + name + "\"");
        }
        try {
            Files.delete(file(name));
            if (name.equals(selected())) {
                Files.delete(natsDir.resolve("context.txt"));
            }
        } catch (IOException e) {
            throw new CliException("could not remove context " + name + ": " + e.getMessage(), e);
        }
    }

    static boolean isValidName(String name) {
        return name != null && VALID_NAME.matcher(name).matches() && !name.startsWith(".");
    }

    private static void checkName(String name) {
        if (!isValidName(name)) {
            throw new CliException("invalid context name \"" + name + "\"");
        }
    }
}
