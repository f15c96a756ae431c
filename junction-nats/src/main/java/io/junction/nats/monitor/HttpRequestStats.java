package io.junction.nats.monitor;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Requests served per endpoint, for {@code /varz}'s {@code http_req_stats}. Thread-safe. */
final class HttpRequestStats {
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    void count(String endpoint) {
        counts.computeIfAbsent(endpoint, key -> new LongAdder()).increment();
    }

    /** Sorted by path, as Go writes a map. */
    SortedMap<String, Long> snapshot() {
        var result = new TreeMap<String, Long>();
        counts.forEach((endpoint, count) -> result.put(endpoint, count.sum()));
        return result;
    }
}
