package io.junction.nats.config;

import io.junction.nats.server.ServerOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Writes {@code nats.conf} into a directory and loads it, with a fixed environment. */
final class ConfigFiles {
    private ConfigFiles() {}

    static ServerOptions load(Path dir, String text) {
        return load(dir, text, Map.of());
    }

    static ServerOptions load(Path dir, String text, Map<String, String> environment) {
        return ConfigLoader.load(write(dir, "nats.conf", text), environment::get)
                .build();
    }

    static Path write(Path dir, String name, String text) {
        try {
            var file = dir.resolve(name);
            Files.createDirectories(file.getParent());
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
