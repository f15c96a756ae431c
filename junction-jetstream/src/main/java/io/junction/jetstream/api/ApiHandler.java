package io.junction.jetstream.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Serves one kind of API request; throws {@link ApiException} for the error responses. */
@FunctionalInterface
public interface ApiHandler {
    ObjectNode handle(ApiRequest request);
}
