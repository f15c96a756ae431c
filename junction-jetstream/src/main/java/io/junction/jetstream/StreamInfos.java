package io.junction.jetstream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.junction.jetstream.api.Json;
import io.junction.jetstream.store.StreamState;
import io.junction.jetstream.stream.SourceReport;
import io.junction.jetstream.stream.Stream;
import io.junction.jetstream.stream.StreamConfigs;
import io.junction.jetstream.stream.StreamSources;
import java.util.List;
import java.util.Map;

/** Writes a stream's info as nats-server does: config, created, state, timestamp. */
final class StreamInfos {
    private StreamInfos() {}

    private static void writeSources(ObjectNode json, Stream stream) {
        var reports = stream.sourceReports();
        if (reports.isEmpty()) {
            return;
        }
        if (stream.config().mirror() != null) {
            write(json.putObject("mirror"), reports.getFirst());
            return;
        }
        var sources = json.putArray("sources");
        reports.forEach(report -> write(sources.addObject(), report));
    }

    private static void write(ObjectNode json, SourceReport report) {
        json.put("name", report.name());
        StreamSources.writeExternal(json, report.external());
        json.put("lag", report.lag());
        json.put("active", report.active());
        if (report.filterSubject() != null) {
            json.put("filter_subject", report.filterSubject());
        }
        if (!report.subjectTransforms().isEmpty()) {
            var transforms = json.putArray("subject_transforms");
            report.subjectTransforms().forEach(transform -> {
                var node = transforms.addObject();
                node.put("src", transform.source());
                node.put("dest", transform.destination());
            });
        }
    }

    static ObjectNode write(ObjectNode json, Stream stream, boolean deletedDetails, String subjectsFilter) {
        return write(json, stream, deletedDetails, subjectsFilter, null);
    }

    /** @param domain the JetStream domain, named after the state as nats-server does in all but create; or null */
    static ObjectNode write(
            ObjectNode json, Stream stream, boolean deletedDetails, String subjectsFilter, String domain) {
        json.set("config", StreamConfigs.write(stream.config()));
        json.put("created", Json.time(stream.createdNanos()));
        var store = stream.store();
        var state = store.state();
        var subjects = subjectsFilter != null && !subjectsFilter.isEmpty() ? store.subjectCounts(subjectsFilter) : null;
        var deleted = state.numDeleted() > 0 && deletedDetails ? store.deletedSequences() : null;
        writeState(json.putObject("state"), state, subjects, deleted)
                .put("consumer_count", stream.observers().size());
        if (domain != null) {
            json.put("domain", domain);
        }
        writeSources(json, stream);
        json.put("ts", Json.time(io.junction.jetstream.stream.Clock.nowNanos()));
        return json;
    }

    /**
     * nats-server's {@code StreamState} but the consumer count, in its order.
     *
     * @param subjects the message counts by subject to list, or null for none
     * @param deleted the deleted sequences to list, or null for none
     */
    static ObjectNode writeState(
            ObjectNode stateJson, StreamState state, Map<String, Long> subjects, List<Long> deleted) {
        stateJson.put("messages", state.messages());
        stateJson.put("bytes", state.bytes());
        // A stream that never stored a message reports 0, as nats-server does; after a purge it reports last + 1.
        stateJson.put("first_seq", state.messages() == 0 && state.lastSeq() == 0 ? 0 : state.firstSeq());
        stateJson.put(
                "first_ts",
                state.firstTimestampNanos() == 0 ? "0001-01-01T00:00:00Z" : Json.time(state.firstTimestampNanos()));
        stateJson.put("last_seq", state.lastSeq());
        stateJson.put(
                "last_ts",
                state.lastTimestampNanos() == 0 ? "0001-01-01T00:00:00Z" : Json.time(state.lastTimestampNanos()));
        if (state.numSubjects() > 0) {
            stateJson.put("num_subjects", state.numSubjects());
        }
        if (subjects != null) {
            subjects.forEach(stateJson.putObject("subjects")::put);
        }
        if (state.numDeleted() > 0) {
            stateJson.put("num_deleted", state.numDeleted());
        }
        if (deleted != null) {
            deleted.forEach(stateJson.putArray("deleted")::add);
        }
        return stateJson;
    }
}
