package io.junction.cli.nats.kv;

import io.junction.cli.nats.CliException;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.KeyValueManagement;
import io.nats.client.api.KeyValueStatus;
import java.io.IOException;

/** Opens key-value buckets so that a missing bucket reads as such rather than as a missing stream. */
final class Buckets {
    private static final int STREAM_NOT_FOUND = 10059;

    private Buckets() {}

    static KeyValueManagement management(Connection connection) {
        try {
            return connection.keyValueManagement();
        } catch (IOException e) {
            throw new CliException("JetStream is not available: " + e.getMessage(), e);
        }
    }

    static KeyValueStatus status(Connection connection, String bucket) throws IOException {
        try {
            return management(connection).getStatus(bucket);
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == STREAM_NOT_FOUND) {
                throw new CliException("bucket " + bucket + " not found");
            }
            throw new CliException(e.getErrorDescription(), e);
        }
    }

    /** The bucket, after checking that it exists. */
    static KeyValue open(Connection connection, String bucket) throws IOException {
        status(connection, bucket);
        return connection.keyValue(bucket);
    }
}
