package io.junction.jetstream.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Durability of directory entries: a created, renamed or deleted file is durable only once its directory is. */
final class Directories {
    private Directories() {}

    /** Forces the directory's entries to the device (fsync on the directory). */
    static void force(Path directory) throws IOException {
        try (var channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
