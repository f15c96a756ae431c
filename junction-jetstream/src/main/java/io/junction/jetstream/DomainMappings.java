package io.junction.jetstream;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The subject mappings through which nats-server lets this server's clients reach its JetStream by its domain:
 * {@code $JS.<domain>.API.} followed by a part of the API goes to {@code $JS.API.} and that part, and
 * {@code $JS.<domain>.API.$KV.>} and {@code $OBJ.>} go to the buckets' own subjects, which have no {@code $JS.API}
 * prefix to swap.
 */
final class DomainMappings {
    private static final String[] API_PARTS = {"STREAM.>", "CONSUMER.>", "DIRECT.>", "META.>", "SERVER.>", "ACCOUNT.>"};
    private static final String[] BUCKET_PARTS = {"$KV.>", "$OBJ.>"};

    private DomainMappings() {}

    /** Source subject to destination subject, in the forms {@code NatsServer.addMapping} takes. */
    static Map<String, String> of(String domain) {
        var prefix = "$JS." + domain + ".API.";
        var mappings = new LinkedHashMap<String, String>();
        mappings.put(prefix + "INFO", "$JS.API.INFO");
        for (var part : API_PARTS) {
            mappings.put(prefix + part, "$JS.API." + part);
        }
        for (var part : BUCKET_PARTS) {
            mappings.put(prefix + part, part);
        }
        return mappings;
    }
}
