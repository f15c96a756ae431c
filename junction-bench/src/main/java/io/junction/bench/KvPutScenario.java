package io.junction.bench;

import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.StorageType;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/**
 * KV clients, each on its own connection and thread, calling the synchronous {@code kv.put} in a loop over the
 * bucket's keys, into a bucket made afresh for every round. Each put waits for its ack, so on Junction every put
 * waits for an fsync that only the other clients' puts can share.
 */
final class KvPutScenario implements Scenario {
    static final String BUCKET = "bench_put";

    private final JetStreamLoad load;
    private final byte[] payload;

    KvPutScenario(JetStreamLoad load) {
        this.load = load;
        this.payload = load.payload();
    }

    @Override
    public String key() {
        return "kv-put";
    }

    @Override
    public String title() {
        return "KV put";
    }

    @Override
    public String description() {
        return load.kvClients() + " clients (one connection each) calling kv.put over " + load.keys()
                + " keys of a file bucket (history 1) made afresh each round; counts puts acked";
    }

    /** A file bucket that keeps only the latest value of each key. */
    static KeyValueConfiguration bucket(String name) {
        return KeyValueConfiguration.builder()
                .name(name)
                .maxHistoryPerKey(1)
                .storageType(StorageType.File)
                .build();
    }

    /** The key that client {@code client} uses on its {@code call}th call: the clients take turns over the keys. */
    static String key(int client, long call, int clients, int keys) {
        return "key." + (client + call * clients) % keys;
    }

    @Override
    public RoundResult run(ServerProcess server, Duration duration) throws Exception {
        var clock = new RoundClock(server.handle());
        try (var clients = new Clients(server.url())) {
            var admin = clients.connect("kv-put-admin");
            var management = admin.jetStreamManagement();
            Streams.deleteIfPresent(management, "KV_" + BUCKET);
            admin.keyValueManagement().create(bucket(BUCKET));
            try {
                var puts = new LongAdder();
                var failures = new LongAdder();
                var workers = new Workers(clock, duration, clients.problems());
                for (int c = 0; c < load.kvClients(); c++) {
                    int client = c;
                    var name = "kv-put-" + c;
                    var kv = clients.connect(name).keyValue(BUCKET);
                    workers.add(
                            name,
                            () -> putUntil(kv, client, workers.deadlineNanos(), puts, failures, clients.problems()));
                }

                workers.run();
                clients.checkConnected();

                return RoundResult.of(
                        puts.sum(),
                        clock,
                        failures.sum(),
                        0,
                        null,
                        clients.problems().list());
            } finally {
                Streams.deleteIfPresent(management, "KV_" + BUCKET);
            }
        }
    }

    private void putUntil(
            KeyValue kv, int client, long deadline, LongAdder puts, LongAdder failures, ClientProblems problems) {
        for (long call = 0; System.nanoTime() < deadline; call++) {
            try {
                kv.put(key(client, call, load.kvClients(), load.keys()), payload);
                puts.increment();
            } catch (Exception e) {
                failures.increment();
                problems.add("kv-put-" + client + " put failed: " + e);
            }
        }
    }
}
