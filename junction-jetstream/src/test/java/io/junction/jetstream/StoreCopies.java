package io.junction.jetstream;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;

/** Saves and restores a stream's segments between server runs, standing in for a crash that lost the newest writes. */
final class StoreCopies {
    private StoreCopies() {}

    static void copy(Path from, Path to) throws IOException {
        try (var old = Files.walk(to)) {
            for (var path : old.sorted(Comparator.reverseOrder()).toList()) {
                if (!path.equals(to)) {
                    Files.delete(path);
                }
            }
        }
        try (var files = Files.list(from)) {
            for (var file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
