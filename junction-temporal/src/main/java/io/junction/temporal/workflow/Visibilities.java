package io.junction.temporal.workflow;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.Timestamps;
import io.junction.temporal.persistence.StoreException;
import io.junction.temporal.visibility.InvalidSearchAttributeException;
import io.junction.temporal.visibility.ListQuery;
import io.junction.temporal.visibility.SearchAttributeCodec;
import io.junction.temporal.visibility.SearchAttributeRegistry;
import io.junction.temporal.visibility.VisibilityRecord;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.CountWorkflowExecutionsResponse;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Visibility reads: a namespace's stored rows, filtered, ordered and paged by Temporal's list filter language.
 *
 * <p>TODO: Filtering reads every row of the namespace and evaluates the query in Java; lists over hundreds of
 * thousands of runs get slow until the query is translated to SQL over indexed columns.
 */
public final class Visibilities {
    private static final int DEFAULT_PAGE = 1000;

    private final Core core;

    Visibilities(Core core) {
        this.core = core;
    }

    /** One page of runs and the token for the next page, empty on the last. */
    public record Page(List<WorkflowExecutionInfo> executions, ByteString nextPageToken) {}

    public Page list(String namespace, String query, int pageSize, ByteString pageToken) {
        var registry = core.namespaces.registry(namespace);
        var parsed = ListQuery.parse(query, registry);
        if (parsed.groupBy().isPresent()) {
            throw EngineException.invalidArgument("'group by' clause is only supported in count query");
        }
        var matching = matching(namespace, parsed, registry);
        var from = pageToken.isEmpty() ? 0 : offset(pageToken);
        var size = pageSize <= 0 ? DEFAULT_PAGE : pageSize;
        var to = (int) Math.min(matching.size(), (long) from + size);
        var page = new ArrayList<WorkflowExecutionInfo>();
        for (var i = from; i < to; i++) {
            page.add(matching.get(i).info());
        }
        var next = to < matching.size()
                ? ByteString.copyFrom(ByteBuffer.allocate(4).putInt(to).array())
                : ByteString.EMPTY;
        return new Page(page, next);
    }

    public CountWorkflowExecutionsResponse count(String namespace, String query) {
        var registry = core.namespaces.registry(namespace);
        var parsed = ListQuery.parse(query, registry);
        var matching = matching(namespace, parsed, registry);
        var response = CountWorkflowExecutionsResponse.newBuilder().setCount(matching.size());
        if (parsed.groupBy().isPresent()) {
            var attribute = parsed.groupBy().get();
            var groups = new LinkedHashMap<String, Long>();
            for (var row : matching) {
                groups.merge(String.valueOf(row.record().value(attribute)), 1L, Long::sum);
            }
            groups.forEach(
                    (value, count) -> response.addGroups(CountWorkflowExecutionsResponse.AggregationGroup.newBuilder()
                            .addGroupValues(Payload.newBuilder()
                                    .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
                                    .setData(ByteString.copyFromUtf8("\"" + value + "\"")))
                            .setCount(count)));
        }
        return response.build();
    }

    private record Row(WorkflowExecutionInfo info, VisibilityRecord record) {}

    private List<Row> matching(String namespace, ListQuery query, SearchAttributeRegistry registry) {
        var rows = new ArrayList<Row>();
        for (var data : core.runs.store.visibility(namespace)) {
            var info = parse(data);
            var record = record(namespace, info, registry);
            if (query.matches(record)) {
                rows.add(new Row(info, record));
            }
        }
        var order = query.order();
        rows.sort((a, b) -> order.compare(a.record(), b.record()));
        return rows;
    }

    private static WorkflowExecutionInfo parse(byte[] data) {
        try {
            return WorkflowExecutionInfo.parseFrom(data);
        } catch (InvalidProtocolBufferException e) {
            throw new StoreException("corrupt visibility row: " + e.getMessage(), e);
        }
    }

    static VisibilityRecord record(String namespace, WorkflowExecutionInfo info, SearchAttributeRegistry registry) {
        var attributes = new HashMap<String, Object>();
        info.getSearchAttributes().getIndexedFieldsMap().forEach((name, payload) -> registry.type(name)
                .ifPresent(type -> {
                    try {
                        attributes.put(name, SearchAttributeCodec.decodeValue(name, payload, type));
                    } catch (InvalidSearchAttributeException e) {
                        // A value stored before its attribute changed type is left out of filtering.
                    }
                }));
        var closed = info.hasCloseTime();
        return new VisibilityRecord(
                namespace,
                info.getExecution().getWorkflowId(),
                info.getExecution().getRunId(),
                info.getType().getName(),
                info.getTaskQueue(),
                info.getStatus(),
                instant(info.getStartTime()),
                instant(info.getExecutionTime()),
                closed ? instant(info.getCloseTime()) : null,
                info.getHistoryLength(),
                info.getHistorySizeBytes(),
                info.getStateTransitionCount(),
                info.hasParentExecution() ? info.getParentExecution().getWorkflowId() : null,
                info.hasParentExecution() ? info.getParentExecution().getRunId() : null,
                info.hasRootExecution() ? info.getRootExecution().getWorkflowId() : null,
                info.hasRootExecution() ? info.getRootExecution().getRunId() : null,
                info.getMemo(),
                attributes);
    }

    private static Instant instant(com.google.protobuf.Timestamp timestamp) {
        return Instant.ofEpochMilli(Timestamps.toMillis(timestamp));
    }

    private static int offset(ByteString token) {
        if (token.size() != 4) {
            throw EngineException.invalidArgument("Invalid NextPageToken.");
        }
        return Math.max(0, token.asReadOnlyByteBuffer().getInt());
    }
}
