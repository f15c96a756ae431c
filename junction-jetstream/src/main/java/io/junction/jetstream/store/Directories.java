package io.junction.jetstream.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Durability of directory entries: a created, renamed or deleted file is durable only once its directory is. */
public final class Directories {
    private Directories() {}

    /** Forces the directory's entries to the device (fsync on the directory). */
    public static void force(Path directory) throws IOException {
        try (var channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /**
     * Creates the directory when missing and takes the lock of its {@code lock} file, which the store holds while
     * open.
     *
     * @throws StoreException when another store, in this process or another, holds the lock
     */
    static FileChannel lock(Path directory) {
        try {
            if (!Files.isDirectory(directory)) {
                Files.createDirectories(directory);
                Directories.force(directory.toAbsolutePath().getParent());
            }
            var channel =
                    FileChannel.open(directory.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                if (channel.tryLock() != null) {
                    return channel;
                }
            } catch (OverlappingFileLockException e) {
                // another store in this process holds the lock; reported below like one in another process
            }
            channel.close();
            throw new StoreException("store " + directory + " is open in another store");
        } catch (IOException e) {
            throw new StoreException("cannot lock store " + directory, e);
        }
    }
}
