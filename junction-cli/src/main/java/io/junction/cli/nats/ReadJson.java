package io.junction.cli.nats;

import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueStatus;
import io.nats.client.api.ObjectInfo;
import io.nats.client.api.ObjectStoreStatus;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code --json} forms of key-value and object store reads, with the nats CLI's field names. */
public final class ReadJson {
    private ReadJson() {}

    public static Map<String, Object> entry(KeyValueEntry entry) {
        var json = new LinkedHashMap<String, Object>();
        json.put("bucket", entry.getBucket());
        json.put("key", entry.getKey());
        json.put("revision", entry.getRevision());
        json.put("operation", entry.getOperation().name());
        json.put(
                "created",
                entry.getCreated() == null
                        ? null
                        : entry.getCreated().toInstant().toString());
        json.put("delta", entry.getDelta());
        json.put("value", entry.getValue() == null ? "" : new String(entry.getValue(), StandardCharsets.UTF_8));
        return json;
    }

    public static Map<String, Object> bucket(KeyValueStatus status) {
        var json = new LinkedHashMap<String, Object>();
        json.put("bucket", status.getBucketName());
        json.put("description", status.getDescription());
        json.put("values", status.getEntryCount());
        json.put("bytes", status.getByteCount());
        json.put("history", status.getMaxHistoryPerKey());
        json.put("ttl_ns", status.getTtl() == null ? 0 : status.getTtl().toNanos());
        return json;
    }

    public static Map<String, Object> object(ObjectInfo info) {
        var json = new LinkedHashMap<String, Object>();
        json.put("bucket", info.getBucket());
        json.put("name", info.getObjectName());
        json.put("size", info.getSize());
        json.put("chunks", info.getChunks());
        json.put("digest", info.getDigest());
        json.put(
                "mtime",
                info.getModified() == null
                        ? null
                        : info.getModified().toInstant().toString());
        json.put("deleted", info.isDeleted());
        return json;
    }

    public static Map<String, Object> objectBucket(ObjectStoreStatus status) {
        var json = new LinkedHashMap<String, Object>();
        json.put("bucket", status.getBucketName());
        json.put("description", status.getDescription());
        json.put("size", status.getSize());
        json.put("sealed", status.isSealed());
        return json;
    }
}
