package io.junction.jetstream;

import io.junction.jetstream.store.StoreException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * Makes sure JetStream can keep its files before it serves anything, as nats-server does at start: the
 * {@code <store_dir>/jetstream} directory is created when missing, and an existing one must be a directory that
 * takes a new file. The errors carry nats-server's text, so that a bad {@code store_dir} stops the server at start
 * rather than failing the first stream create.
 */
final class StoreDirectory {
    private StoreDirectory() {}

    /** @throws StoreException with nats-server's reason when JetStream could not keep files there */
    static void prepare(Path directory) {
        if (!Files.exists(directory)) {
            create(directory);
            return;
        }
        if (!Files.isDirectory(directory)) {
            throw new StoreException("storage directory is not a directory");
        }
        try {
            Files.delete(Files.createTempFile(directory, "_test_", ""));
        } catch (IOException | SecurityException e) {
            throw new StoreException("storage directory is not writable", e);
        }
    }

    private static void create(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (FileAlreadyExistsException | NotDirectoryException e) {
            throw new StoreException("storage directory is not a directory", e);
        } catch (FileSystemException e) {
            if ("Not a directory".equals(e.getReason())) {
                // a file where a directory of the path should be
                throw new StoreException("storage directory is not a directory", e);
            }
            throw new StoreException("could not create storage directory - " + reason(e), e);
        } catch (IOException | SecurityException e) {
            throw new StoreException("could not create storage directory - " + reason(e), e);
        }
    }

    /** The failure as Go's {@code os.MkdirAll} words it: {@code mkdir <path>: <reason>}. */
    private static String reason(Exception e) {
        if (!(e instanceof FileSystemException failure)) {
            return e.getMessage();
        }
        var why =
                switch (failure) {
                    case NoSuchFileException ignored -> "no such file or directory";
                    case AccessDeniedException ignored -> "permission denied";
                    default ->
                        failure.getReason() != null ? failure.getReason().toLowerCase(java.util.Locale.ROOT) : "failed";
                };
        return "mkdir " + failure.getFile() + ": " + why;
    }
}
