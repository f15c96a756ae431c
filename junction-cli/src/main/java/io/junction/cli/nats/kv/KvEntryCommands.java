package io.junction.cli.nats.kv;

import io.junction.cli.nats.Cli;
import io.junction.cli.nats.CliException;
import io.junction.cli.nats.Human;
import io.junction.cli.nats.JsonOutput;
import io.junction.cli.nats.Prompt;
import io.junction.cli.nats.ReadJson;
import io.junction.cli.nats.Table;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nats kv put, get, del, purge, history, keys}: the commands on a bucket's keys. */
final class KvEntryCommands {
    /** JetStream's error code for an expected last subject sequence that does not match. */
    private static final int WRONG_LAST_SEQUENCE = 10071;

    private KvEntryCommands() {}

    /** What {@code put} and {@code create} share: a bucket, a key, and a value given or read from standard input. */
    abstract static class Write implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "<bucket>", description = "Bucket name")
        String bucket;

        @Parameters(index = "1", paramLabel = "<key>", description = "Key")
        String key;

        @Parameters(
                index = "2",
                arity = "0..1",
                paramLabel = "<value>",
                description = "Value; read from standard input when left out")
        String value;

        @Override
        public Integer call() throws Exception {
            var cli = Cli.of(spec);
            var data = value != null ? value : new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
            try (var connection = cli.connect()) {
                write(Buckets.open(connection, bucket), data.getBytes(StandardCharsets.UTF_8));
                cli.println(data);
            }
            return 0;
        }

        abstract void write(KeyValue bucket, byte[] data) throws Exception;
    }

    @Command(name = "put", description = "Put a value into a key")
    static final class Put extends Write {
        @Override
        void write(KeyValue bucket, byte[] data) throws Exception {
            bucket.put(key, data);
        }
    }

    /**
     * Puts a value only where the key has none: new, or last deleted or purged. A key that has a value fails with the
     * Go client's {@code nats: key exists}, as the nats CLI reports it.
     */
    @Command(
            name = "create",
            description = "Put a value into a key only if the key is new or its last operation was a delete")
    static final class Create extends Write {
        @Override
        void write(KeyValue bucket, byte[] data) throws Exception {
            try {
                bucket.create(key, data);
            } catch (JetStreamApiException e) {
                if (e.getApiErrorCode() == WRONG_LAST_SEQUENCE) {
                    throw new CliException("nats: key exists");
                }
                throw e;
            }
        }
    }

    @Command(name = "get", description = "Get a key's value")
    static final class Get implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "<bucket>", description = "Bucket name")
        String bucket;

        @Parameters(index = "1", paramLabel = "<key>", description = "Key")
        String key;

        @Option(names = "--revision", paramLabel = "<n>", description = "A past revision of the value")
        Long revision;

        @Option(
                names = {"-r", "--raw"},
                description = "Only the value")
        boolean raw;

        @Option(
                names = {"-j", "--json"},
                description = "The entry as JSON")
        boolean json;

        @Override
        public Integer call() throws Exception {
            var cli = Cli.of(spec);
            try (var connection = cli.connect()) {
                var kv = Buckets.open(connection, bucket);
                var entry = revision == null ? kv.get(key) : kv.get(key, revision);
                if (entry == null || entry.getOperation() != KeyValueOperation.PUT) {
                    throw new CliException("key not found");
                }
                if (json) {
                    cli.println(JsonOutput.pretty(ReadJson.entry(entry)));
                    return 0;
                }
                var text = entry.getValue() == null ? "" : new String(entry.getValue(), StandardCharsets.UTF_8);
                if (raw) {
                    cli.println(text);
                    return 0;
                }

                var heading = bucket + " > " + key + " revision: " + entry.getRevision() + " created @ "
                        + Human.time(entry.getCreated());
                cli.print(cli.style().bold(heading) + "\n\n" + text + "\n");
            }
            return 0;
        }
    }

    @Command(name = "del", description = "Delete a key, keeping its history")
    static final class Delete implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "<bucket>", description = "Bucket name")
        String bucket;

        @Parameters(index = "1", paramLabel = "<key>", description = "Key")
        String key;

        @Option(
                names = {"-f", "--force"},
                description = "Delete without asking")
        boolean force;

        @Override
        public Integer call() throws Exception {
            var cli = Cli.of(spec);
            try (var connection = cli.connect()) {
                var kv = Buckets.open(connection, bucket);
                if (!Prompt.confirm(cli, "Delete key " + bucket + " > " + key, force)) {
                    return 0;
                }

                kv.delete(key);
            }
            return 0;
        }
    }

    @Command(name = "purge", description = "Delete a key and its history")
    static final class Purge implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "<bucket>", description = "Bucket name")
        String bucket;

        @Parameters(index = "1", paramLabel = "<key>", description = "Key")
        String key;

        @Option(
                names = {"-f", "--force"},
                description = "Purge without asking")
        boolean force;

        @Override
        public Integer call() throws Exception {
            var cli = Cli.of(spec);
            try (var connection = cli.connect()) {
                var kv = Buckets.open(connection, bucket);
                if (!Prompt.confirm(cli, "Purge key " + bucket + " > " + key, force)) {
                    return 0;
                }

                kv.purge(key);
            }
            return 0;
        }
    }

    @Command(name = "history", description = "Every kept revision of a key")
    static final class History implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "<bucket>", description = "Bucket name")
        String bucket;

        @Parameters(index = "1", paramLabel = "<key>", description = "Key")
        String key;

        @Option(
                names = {"-j", "--json"},
                description = "The revisions as a JSON array")
        boolean json;

        @Override
        public Integer call() throws Exception {
            var cli = Cli.of(spec);
            try (var connection = cli.connect()) {
                var history = Buckets.open(connection, bucket).history(key);
                if (history.isEmpty()) {
                    throw new CliException("key not found");
                }
                if (json) {
                    cli.println(JsonOutput.pretty(
                            history.stream().map(ReadJson::entry).toList()));
                    return 0;
                }

                var table = new Table(
                        "History for " + bucket + " > " + key, "Key", "Revision", "Op", "Created", "Length", "Value");
                for (KeyValueEntry entry : history) {
                    var value = entry.getValue() == null ? "" : new String(entry.getValue(), StandardCharsets.UTF_8);
                    table.row(
                            entry.getKey(),
                            entry.getRevision(),
                            entry.getOperation(),
                            Human.time(entry.getCreated()),
                            entry.getDataLen(),
                            value.length() > 40 ? value.substring(0, 37) + "..." : value);
                }
                cli.print(table.render(cli.style()));
            }
            return 0;
        }
    }

    @Command(name = "keys", aliases = "ls-keys", description = "The bucket's keys, one a line")
    static final class Keys implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "<bucket>", description = "Bucket name")
        String bucket;

        @Option(
                names = {"-j", "--json"},
                description = "The keys as a JSON array")
        boolean json;

        @Override
        public Integer call() throws Exception {
            var cli = Cli.of(spec);
            try (var connection = cli.connect()) {
                var keys = Buckets.open(connection, bucket).keys();
                if (json) {
                    cli.println(JsonOutput.pretty(keys.stream().sorted().toList()));
                    return 0;
                }
                if (keys.isEmpty()) {
                    cli.status("No keys found in bucket " + bucket);
                }

                keys.stream().sorted().forEach(cli::println);
            }
            return 0;
        }
    }
}
