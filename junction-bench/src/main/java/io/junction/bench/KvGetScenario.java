package io.junction.bench;

import io.nats.client.KeyValue;
import io.nats.client.KeyValueManagement;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/**
 * KV clients, each on its own connection and thread, calling {@code kv.get} in a loop over keys that all exist, in
 * a bucket filled once per server before its first round. jnats sends each get as a direct get when the bucket
 * allows them, as the buckets it creates do, else as a stream message get.
 */
final class KvGetScenario implements Scenario {
    private static final String BUCKET = "bench_get";

    private final JetStreamLoad load;
    private final byte[] payload;

    KvGetScenario(JetStreamLoad load) {
        this.load = load;
        this.payload = load.payload();
    }

    @Override
    public String key() {
        return "kv-get";
    }

    @Override
    public String title() {
        return "KV get";
    }

    @Override
    public String description() {
        return load.kvClients() + " clients (one connection each) calling kv.get over the " + load.keys()
                + " keys of a file bucket filled once; counts values returned";
    }

    @Override
    public void prepare(ServerProcess server) throws Exception {
        try (var clients = new Clients(server.url())) {
            fill(clients.connect("kv-get-admin").keyValueManagement(), clients);
        }
    }

    @Override
    public RoundResult run(ServerProcess server, Duration duration) throws Exception {
        var clock = new RoundClock(server.handle());
        try (var clients = new Clients(server.url())) {
            fill(clients.connect("kv-get-admin").keyValueManagement(), clients);
            var values = new LongAdder();
            var absent = new LongAdder();
            var malformed = new LongAdder();
            var workers = new Workers(clock, duration, clients.problems());
            for (int c = 0; c < load.kvClients(); c++) {
                int client = c;
                var name = "kv-get-" + c;
                var kv = clients.connect(name).keyValue(BUCKET);
                workers.add(name, () -> {
                    for (long call = 0; System.nanoTime() < workers.deadlineNanos(); call++) {
                        var entry = kv.get(KvPutScenario.key(client, call, load.kvClients(), load.keys()));
                        if (entry == null) {
                            absent.increment();
                        } else {
                            values.increment();
                            if (entry.getValue() == null || entry.getValue().length != payload.length) {
                                malformed.increment();
                            }
                        }
                    }
                });
            }

            workers.run();
            clients.checkConnected();

            return RoundResult.of(
                    values.sum(),
                    clock,
                    absent.sum(),
                    malformed.sum(),
                    null,
                    clients.problems().list());
        }
    }

    /** Puts every key once per server; a bucket that already holds them all is kept. */
    private void fill(KeyValueManagement management, Clients clients) throws Exception {
        var names = management.getBucketNames();
        if (names.contains(BUCKET) && management.getStatus(BUCKET).getEntryCount() == load.keys()) {
            return;
        }
        if (names.contains(BUCKET)) {
            management.delete(BUCKET);
        }
        management.create(KvPutScenario.bucket(BUCKET));
        KeyValue kv = clients.connect("kv-get-fill").keyValue(BUCKET);
        for (int i = 0; i < load.keys(); i++) {
            kv.put(KvPutScenario.key(i, 0, 1, load.keys()), payload);
        }
    }
}
