package io.junction.temporal.workflow;

import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Visibility reads: the stored rows of a namespace, filtered and ordered by a list query. */
public final class Visibilities {
    private final Core core;

    Visibilities(Core core) {
        this.core = core;
    }

    /** Every run of the namespace matching {@code filter}, newest start first. */
    public List<WorkflowExecutionInfo> list(String namespace, Predicate<WorkflowExecutionInfo> filter) {
        core.namespaces.check(namespace);
        var result = new ArrayList<WorkflowExecutionInfo>();
        for (var row : core.runs.store.visibility(namespace)) {
            try {
                var info = WorkflowExecutionInfo.parseFrom(row);
                if (filter.test(info)) {
                    result.add(info);
                }
            } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                throw new io.junction.temporal.persistence.StoreException("corrupt visibility row", e);
            }
        }
        return result;
    }
}
