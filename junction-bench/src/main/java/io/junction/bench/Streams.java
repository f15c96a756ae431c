package io.junction.bench;

import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.io.IOException;

/** The stream housekeeping the scenarios share: each round starts from a known stream and leaves none behind. */
final class Streams {
    /** nats-server's error code for a stream that does not exist, which Junction answers with as well. */
    private static final int STREAM_NOT_FOUND = 10059;

    private Streams() {}

    /** A file stream with default limits, one replica, on the one subject. */
    static StreamConfiguration fileStream(String name, String subject) {
        return StreamConfiguration.builder()
                .name(name)
                .subjects(subject)
                .storageType(StorageType.File)
                .build();
    }

    /** Deletes the stream if a previous round left it, and creates it empty. */
    static void recreate(JetStreamManagement management, StreamConfiguration config)
            throws IOException, JetStreamApiException {
        deleteIfPresent(management, config.getName());
        management.addStream(config);
    }

    static void deleteIfPresent(JetStreamManagement management, String name) throws IOException, JetStreamApiException {
        try {
            management.deleteStream(name);
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() != STREAM_NOT_FOUND) {
                throw e;
            }
        }
    }

    /** The messages the stream holds, or -1 when there is no such stream. */
    static long messages(JetStreamManagement management, String name) throws IOException, JetStreamApiException {
        try {
            return management.getStreamInfo(name).getStreamState().getMsgCount();
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() != STREAM_NOT_FOUND) {
                throw e;
            }

            return -1;
        }
    }
}
