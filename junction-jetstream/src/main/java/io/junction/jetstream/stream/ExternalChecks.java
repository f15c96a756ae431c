package io.junction.jetstream.stream;

import io.junction.jetstream.api.ApiError;
import io.junction.nats.subject.Subjects;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * nats-server 2.10's checks of the {@code external} prefixes of a mirror and sources: each deliver prefix must be a
 * literal subject that does not overlap the subjects of the local origins; each API prefix must be a literal subject
 * apart from this JetStream's own {@code $JS.API}.
 */
final class ExternalChecks {
    static final String API_PREFIX = "$JS.API";

    private ExternalChecks() {}

    static void check(StreamConfig config, Function<String, StreamConfig> others) {
        var originSubjects = new ArrayList<String>();
        var deliverPrefixes = new ArrayList<String>();
        var apiPrefixes = new ArrayList<String>();
        var all = new ArrayList<StreamSource>(config.sources());
        if (config.mirror() != null) {
            all.addFirst(config.mirror());
        }
        for (var source : all) {
            var external = source.external();
            if (external == null) {
                var origin = others.apply(source.name());
                if (origin != null) {
                    originSubjects.addAll(origin.subjects());
                }
                continue;
            }
            if (!external.deliver().isEmpty()) {
                deliverPrefixes.add(external.deliver());
            }
            if (!external.api().isEmpty()) {
                apiPrefixes.add(external.api());
            }
        }
        checkDeliverPrefixes(deliverPrefixes, originSubjects);
        checkApiPrefixes(apiPrefixes);
    }

    private static void checkDeliverPrefixes(List<String> prefixes, List<String> originSubjects) {
        for (var prefix : prefixes) {
            if (!Subjects.isValidLiteralSubject(prefix)) {
                throw ApiError.externalDeliverPrefixNotLiteral(prefix).exception();
            }
            for (var subject : originSubjects) {
                if (Subjects.overlaps(subject, prefix + "." + subject)) {
                    throw ApiError.externalDeliverPrefixOverlaps(prefix, subject)
                            .exception();
                }
            }
        }
    }

    private static void checkApiPrefixes(List<String> prefixes) {
        for (var prefix : prefixes) {
            if (!Subjects.isValidLiteralSubject(prefix)) {
                throw ApiError.invalidStreamConfig("stream external api prefix \"" + prefix
                                + "\" must be a valid subject without wildcards")
                        .exception();
            }
            if (Subjects.overlaps(prefix, API_PREFIX)) {
                throw ApiError.externalApiOverlap(prefix, API_PREFIX).exception();
            }
        }
    }
}
