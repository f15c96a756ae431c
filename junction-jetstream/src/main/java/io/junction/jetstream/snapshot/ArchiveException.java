package io.junction.jetstream.snapshot;

/** An archive a restore cannot use: not Junction's, damaged, truncated, or not matching what it says it holds. */
final class ArchiveException extends RuntimeException {
    ArchiveException(String message) {
        super(message);
    }
}
