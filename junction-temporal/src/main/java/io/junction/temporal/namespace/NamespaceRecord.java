package io.junction.temporal.namespace;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.workflowservice.v1.DescribeNamespaceResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/** A namespace as stored: Temporal's description of it, and the custom search attributes registered on it. */
final class NamespaceRecord {
    DescribeNamespaceResponse description;
    Map<String, IndexedValueType> searchAttributes = new LinkedHashMap<>();
}
