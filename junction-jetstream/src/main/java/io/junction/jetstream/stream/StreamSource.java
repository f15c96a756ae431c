package io.junction.jetstream.stream;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A stream that a mirror copies or a stream sources from, in nats-server's {@code StreamSource} terms.
 *
 * @param optStartSeq the first origin sequence to copy, 0 for none
 * @param optStartTime copy from the first origin message at or after this time, or null
 * @param filterSubject copy only the origin's messages on this subject, or null for all
 * @param subjectTransforms copy only the origin's messages that one of these sources matches, stored under the
 *     subject its destination gives; empty for none (a source has either these or a filter)
 * @param external the JetStream that holds the origin when it is named by its API prefix, or null for this one
 */
public record StreamSource(
        String name,
        long optStartSeq,
        Instant optStartTime,
        String filterSubject,
        List<SubjectTransformConfig> subjectTransforms,
        ExternalStream external) {
    private static final String ALL = ">";
    private static final String TRANSFORM_SEPARATOR = "\f";

    public StreamSource {
        filterSubject = filterSubject == null || filterSubject.isEmpty() ? null : filterSubject;
        subjectTransforms = subjectTransforms == null ? List.of() : List.copyOf(subjectTransforms);
    }

    /**
     * nats-server's index name, {@code <stream> <filter> <destination>}, which tells sources of one stream apart;
     * with subject transforms the filter and destination are each transform's, joined by form feeds. The
     * {@code Nats-Stream-Source} header carries it around the origin sequence.
     */
    public String indexName() {
        return qualifiedName() + " " + filterPart() + " " + destinationPart();
    }

    /** The {@code Nats-Stream-Source} value for the message at this origin sequence, as nats-server 2.10 writes it. */
    String header(long originSequence) {
        return qualifiedName() + " " + originSequence + " " + filterPart() + " " + destinationPart();
    }

    /** The origin's name, followed for an external one by {@code :} and the hash of its API prefix. */
    private String qualifiedName() {
        return external == null ? name : name + ":" + external.hash();
    }

    /**
     * Whether the origin is on this server: no {@code external}, or one whose API prefix is this server's domain's,
     * {@code $JS.<domain>.API}. Any other prefix names a JetStream a single Junction cannot reach.
     */
    boolean isServedHere(String domain) {
        return external == null || domain != null && external.api().equals("$JS." + domain + ".API");
    }

    /** The origin subjects copied: the filter, or each transform's source; {@code >} for all. */
    List<String> filters() {
        if (!subjectTransforms.isEmpty()) {
            return subjectTransforms.stream().map(t -> orAll(t.source())).toList();
        }
        return List.of(filterSubject == null ? ALL : filterSubject);
    }

    private String filterPart() {
        if (subjectTransforms.isEmpty()) {
            return filterSubject == null ? ALL : filterSubject;
        }
        return subjectTransforms.stream().map(t -> orAll(t.source())).collect(Collectors.joining(TRANSFORM_SEPARATOR));
    }

    private String destinationPart() {
        if (subjectTransforms.isEmpty()) {
            return ALL;
        }
        return subjectTransforms.stream()
                .map(t -> orAll(t.destination()))
                .collect(Collectors.joining(TRANSFORM_SEPARATOR));
    }

    private static String orAll(String subject) {
        return subject.isEmpty() ? ALL : subject;
    }
}
