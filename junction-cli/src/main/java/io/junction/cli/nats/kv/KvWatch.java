package io.junction.cli.nats.kv;

import io.junction.cli.nats.Cli;
import io.junction.cli.nats.Human;
import io.junction.cli.nats.messaging.Waiting;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;
import io.nats.client.api.KeyValueWatcher;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nats kv watch}: each key's latest value, then every change, until the count or an interrupt. */
@Command(name = "watch", description = "Print the latest values and then every change")
final class KvWatch implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<bucket>", description = "Bucket name")
    String bucket;

    @Parameters(index = "1", arity = "0..1", paramLabel = "<key>", description = "Keys to watch, wildcards allowed")
    String key;

    @Option(names = "--count", paramLabel = "<n>", description = "Stop after this many updates")
    long count;

    @Override
    public Integer call() throws Exception {
        var cli = Cli.of(spec);
        var seen = new AtomicLong();
        var done = new CountDownLatch(1);
        try (var connection = cli.connect()) {
            var kv = Buckets.open(connection, bucket);
            var watcher = new KeyValueWatcher() {
                @Override
                public void watch(KeyValueEntry entry) {
                    var number = seen.incrementAndGet();
                    if (count > 0 && number > count) {
                        return;
                    }
                    cli.println(line(entry));
                    if (count > 0 && number == count) {
                        done.countDown();
                    }
                }

                @Override
                public void endOfData() {
                    cli.status("Watching " + bucket + (key == null ? "" : " > " + key) + " for changes");
                }
            };
            try (var watch = key == null ? kv.watchAll(watcher) : kv.watch(key, watcher)) {
                Waiting.untilDone(done);
            }
        }
        return 0;
    }

    private String line(KeyValueEntry entry) {
        var prefix = "[" + Human.time(entry.getCreated()) + "] " + entry.getOperation() + " " + bucket + " > "
                + entry.getKey();
        if (entry.getOperation() != KeyValueOperation.PUT) {
            return prefix;
        }
        var value = entry.getValue() == null ? "" : new String(entry.getValue(), StandardCharsets.UTF_8);
        return prefix + ": " + value;
    }
}
