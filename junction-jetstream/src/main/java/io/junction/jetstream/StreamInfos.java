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

    /**
     * The page of a stream info's subject counts that starts at {@code offset}, as nats-server 2.10 pages them: all of
     * them at offset 0 when they fit one page, otherwise the page of the subjects in sorted order. With no subject
     * matching, the paging fields stay 0 whatever the offset asked, as nats-server leaves them.
     */
    record SubjectsPage(Map<String, Long> subjects, int total, int offset, int limit) {
        static final int LIMIT = 100_000;

        static SubjectsPage of(Map<String, Long> counts, int offset) {
            if (counts.isEmpty()) {
                return new SubjectsPage(null, 0, 0, 0);
            }
            if (offset == 0 && counts.size() <= LIMIT) {
                return new SubjectsPage(counts, counts.size(), 0, LIMIT);
            }
            var from = Math.min(offset, counts.size());
            var page = new java.util.LinkedHashMap<String, Long>();
            counts.keySet().stream()
                    .sorted()
                    .skip(from)
                    .limit(LIMIT)
                    .forEach(subject -> page.put(subject, counts.get(subject)));
            return new SubjectsPage(page, counts.size(), offset, LIMIT);
        }
    }

    static ObjectNode write(ObjectNode json, Stream stream, boolean deletedDetails, Map<String, Long> subjects) {
        return write(json, stream, deletedDetails, subjects, null);
    }

    /**
     * @param subjects the message counts by subject to list in the state, or null for none
     * @param domain the JetStream domain, named after the state as nats-server does in all but create; or null
     */
    static ObjectNode write(
            ObjectNode json, Stream stream, boolean deletedDetails, Map<String, Long> subjects, String domain) {
        json.set("config", StreamConfigs.write(stream.config()));
        json.put("created", Json.time(stream.createdNanos()));
        var store = stream.store();
        var state = store.state();
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
        if (subjects != null && !subjects.isEmpty()) {
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
