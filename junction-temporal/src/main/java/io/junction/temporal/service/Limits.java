package io.junction.temporal.service;

import io.junction.temporal.workflow.EngineException;
import io.temporal.api.common.v1.Payloads;

/** Temporal's size limits on what a request may carry. */
final class Limits {
    /** The largest payload blob Temporal accepts by default (blobSizeLimitError). */
    static final int MAX_BLOB_BYTES = 2 * 1024 * 1024;

    private Limits() {}

    static void checkBlob(Payloads payloads) {
        if (payloads.getSerializedSize() > MAX_BLOB_BYTES) {
            throw EngineException.invalidArgument("Blob data size exceeds limit.");
        }
    }
}
