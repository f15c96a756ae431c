package io.junction.temporal.namespace;

import com.google.protobuf.util.Durations;
import io.grpc.Status;
import io.junction.temporal.persistence.SqlStore;
import io.junction.temporal.persistence.StateCodec;
import io.junction.temporal.persistence.StoreWrite;
import io.junction.temporal.visibility.SearchAttributeRegistry;
import io.junction.temporal.workflow.EngineException;
import io.temporal.api.enums.v1.ArchivalState;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.enums.v1.NamespaceState;
import io.temporal.api.errordetails.v1.NamespaceAlreadyExistsFailure;
import io.temporal.api.errordetails.v1.NamespaceNotFoundFailure;
import io.temporal.api.namespace.v1.NamespaceConfig;
import io.temporal.api.namespace.v1.NamespaceInfo;
import io.temporal.api.replication.v1.NamespaceReplicationConfig;
import io.temporal.api.workflowservice.v1.DescribeNamespaceResponse;
import io.temporal.api.workflowservice.v1.RegisterNamespaceRequest;
import io.temporal.api.workflowservice.v1.UpdateNamespaceRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The namespaces, held in memory and stored in the workflow database; {@code default} exists from the first
 * start, as on Temporal's dev server. Changes are serialized by this object's lock and committed before they are
 * seen.
 */
public final class Namespaces {
    public static final String DEFAULT = "default";
    private static final Logger LOG = LoggerFactory.getLogger(Namespaces.class);
    private static final Duration DEFAULT_RETENTION = Duration.ofHours(24);

    private final SqlStore store;
    private final ConcurrentHashMap<String, NamespaceRecord> byName = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, SearchAttributeRegistry> registries = new ConcurrentHashMap<>();

    public Namespaces(SqlStore store) {
        this.store = store;
        for (var data : store.namespaces()) {
            var record = StateCodec.decode(data, NamespaceRecord.class);
            byName.put(record.description.getNamespaceInfo().getName(), record);
        }
        if (!byName.containsKey(DEFAULT)) {
            register(RegisterNamespaceRequest.newBuilder()
                    .setNamespace(DEFAULT)
                    .setDescription("Default namespace for Temporal Server.")
                    .setWorkflowExecutionRetentionPeriod(Durations.fromMillis(DEFAULT_RETENTION.toMillis()))
                    .build());
            LOG.info("namespace registered name={}", DEFAULT);
        }
    }

    public synchronized void register(RegisterNamespaceRequest request) {
        var name = request.getNamespace();
        if (name.isEmpty()) {
            throw EngineException.invalidArgument("Namespace not set on request.");
        }
        if (name.length() > 1000 || !name.matches("[A-Za-z0-9_.\\-]+")) {
            throw EngineException.invalidArgument("Namespace name \"" + name + "\" is invalid.");
        }
        if (byName.containsKey(name)) {
            throw EngineException.withDetails(
                    Status.Code.ALREADY_EXISTS,
                    "Namespace already exists.",
                    NamespaceAlreadyExistsFailure.getDefaultInstance());
        }
        var retention = request.hasWorkflowExecutionRetentionPeriod()
                ? request.getWorkflowExecutionRetentionPeriod()
                : Durations.fromMillis(DEFAULT_RETENTION.toMillis());
        if (Durations.toMillis(retention) < 0) {
            throw EngineException.invalidArgument("Invalid retention period.");
        }
        var record = new NamespaceRecord();
        record.description = DescribeNamespaceResponse.newBuilder()
                .setNamespaceInfo(NamespaceInfo.newBuilder()
                        .setName(name)
                        .setState(NamespaceState.NAMESPACE_STATE_REGISTERED)
                        .setDescription(request.getDescription())
                        .setOwnerEmail(request.getOwnerEmail())
                        .putAllData(request.getDataMap())
                        .setId(UUID.randomUUID().toString()))
                .setConfig(NamespaceConfig.newBuilder()
                        .setWorkflowExecutionRetentionTtl(retention)
                        .setHistoryArchivalState(ArchivalState.ARCHIVAL_STATE_DISABLED)
                        .setVisibilityArchivalState(ArchivalState.ARCHIVAL_STATE_DISABLED))
                .setReplicationConfig(NamespaceReplicationConfig.newBuilder().setActiveClusterName("active"))
                .build();
        save(record);
    }

    public synchronized DescribeNamespaceResponse update(UpdateNamespaceRequest request) {
        var record = require(request.getNamespace());
        var description = record.description.toBuilder();
        if (request.hasUpdateInfo()) {
            var info = request.getUpdateInfo();
            var namespaceInfo = description.getNamespaceInfoBuilder();
            if (!info.getDescription().isEmpty()) {
                namespaceInfo.setDescription(info.getDescription());
            }
            if (!info.getOwnerEmail().isEmpty()) {
                namespaceInfo.setOwnerEmail(info.getOwnerEmail());
            }
            namespaceInfo.putAllData(info.getDataMap());
        }
        if (request.hasConfig() && request.getConfig().hasWorkflowExecutionRetentionTtl()) {
            description
                    .getConfigBuilder()
                    .setWorkflowExecutionRetentionTtl(request.getConfig().getWorkflowExecutionRetentionTtl());
        }
        var updated = new NamespaceRecord();
        updated.description = description.build();
        updated.searchAttributes = record.searchAttributes;
        save(updated);
        return updated.description;
    }

    public DescribeNamespaceResponse describe(String name) {
        return require(name).description;
    }

    /** Fails with Temporal's NOT_FOUND unless the namespace exists. */
    public void check(String name) {
        require(name);
    }

    public List<DescribeNamespaceResponse> list() {
        var all = new ArrayList<DescribeNamespaceResponse>();
        byName.values().forEach(r -> all.add(r.description));
        all.sort(java.util.Comparator.comparing(d -> d.getNamespaceInfo().getName()));
        return all;
    }

    public Duration retention(String name) {
        return Duration.ofMillis(
                Durations.toMillis(require(name).description.getConfig().getWorkflowExecutionRetentionTtl()));
    }

    /** The search attributes a namespace knows: system, predefined and its custom ones. */
    public SearchAttributeRegistry registry(String name) {
        require(name);
        return registries.computeIfAbsent(name, n -> SearchAttributeRegistry.of(byName.get(n).searchAttributes));
    }

    /** Adds custom search attributes, durably; Temporal's checks apply. Returns the names added. */
    public synchronized java.util.Set<String> addSearchAttributes(String name, Map<String, IndexedValueType> added) {
        var record = require(name);
        var registry = SearchAttributeRegistry.of(record.searchAttributes);
        var names = registry.add(added);
        saveSearchAttributes(record, registry);
        return names;
    }

    /** Removes custom search attributes, durably. Returns the names removed. */
    public synchronized java.util.Set<String> removeSearchAttributes(String name, java.util.Collection<String> names) {
        var record = require(name);
        var registry = SearchAttributeRegistry.of(record.searchAttributes);
        var removed = registry.remove(names);
        saveSearchAttributes(record, registry);
        return removed;
    }

    private void saveSearchAttributes(NamespaceRecord record, SearchAttributeRegistry registry) {
        var updated = new NamespaceRecord();
        updated.description = record.description;
        updated.searchAttributes = new java.util.LinkedHashMap<>(registry.custom());
        save(updated);
        registries.put(record.description.getNamespaceInfo().getName(), registry);
    }

    private NamespaceRecord require(String name) {
        if (name == null || name.isEmpty()) {
            throw EngineException.invalidArgument("Namespace not set on request.");
        }
        var record = byName.get(name);
        if (record == null) {
            throw EngineException.withDetails(
                    Status.Code.NOT_FOUND,
                    "Namespace " + name + " is not found.",
                    NamespaceNotFoundFailure.newBuilder().setNamespace(name).build());
        }
        return record;
    }

    private void save(NamespaceRecord record) {
        var name = record.description.getNamespaceInfo().getName();
        store.commit(List.of(new StoreWrite.PutNamespace(name, StateCodec.encode(record))))
                .join();
        byName.put(name, record);
    }
}
