package io.junction.cli.nats.kv;

import io.junction.cli.nats.Cli;
import io.junction.cli.nats.DurationConverter;
import io.junction.cli.nats.Fields;
import io.junction.cli.nats.Human;
import io.junction.cli.nats.JsonOutput;
import io.junction.cli.nats.Prompt;
import io.junction.cli.nats.ReadJson;
import io.junction.cli.nats.Table;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.KeyValueStatus;
import io.nats.client.api.StorageType;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nats kv}: key-value buckets on JetStream; this file holds the bucket commands, KvEntryCommands the keys. */
@Command(
        name = "kv",
        description = "Key-value buckets",
        subcommands = {
            KvCommand.Add.class,
            KvEntryCommands.Put.class,
            KvEntryCommands.Create.class,
            KvEntryCommands.Get.class,
            KvEntryCommands.Delete.class,
            KvEntryCommands.Purge.class,
            KvEntryCommands.History.class,
            KvEntryCommands.Keys.class,
            KvWatch.class,
            KvCommand.List.class,
            KvCommand.Status.class,
            KvCommand.Remove.class
        })
public final class KvCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "add", aliases = "new", description = "Create a bucket")
    static final class Add implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "<bucket>", description = "Bucket name")
        String bucket;

        @Option(names = "--history", paramLabel = "<n>", defaultValue = "1", description = "Values kept per key")
        int history;

        @Option(
                names = "--ttl",
                paramLabel = "<duration>",
                converter = DurationConverter.class,
                description = "How long values live (default forever)")
        Duration ttl;

        @Option(names = "--replicas", paramLabel = "<n>", defaultValue = "1", description = "Replicas")
        int replicas;

        @Option(names = "--storage", paramLabel = "<type>", defaultValue = "file", description = "file or memory")
        String storage;

        @Option(names = "--max-value-size", paramLabel = "<size>", description = "Largest value, such as 1MB")
        String maxValueSize;

        @Option(names = "--max-bucket-size", paramLabel = "<size>", description = "Most bytes in the bucket")
        String maxBucketSize;

        @Option(names = "--description", paramLabel = "<text>", description = "A description of the bucket")
        String description;

        @Override
        public Integer call() throws Exception {
            var cli = Cli.of(spec);
            var builder = KeyValueConfiguration.builder()
                    .name(bucket)
                    .maxHistoryPerKey(history)
                    .replicas(replicas)
                    .storageType(
                            storage.toLowerCase(java.util.Locale.ROOT).startsWith("m")
                                    ? StorageType.Memory
                                    : StorageType.File)
                    .description(description);
            if (ttl != null) {
                builder.ttl(ttl);
            }
            if (maxValueSize != null) {
                builder.maximumValueSize((int) Math.min(Integer.MAX_VALUE, Human.parseBytes(maxValueSize)));
            }
            if (maxBucketSize != null) {
                builder.maxBucketSize(Human.parseBytes(maxBucketSize));
            }
            try (var connection = cli.connect()) {
                var status = Buckets.management(connection).create(builder.build());

                cli.print(render(cli, status));
            }
            return 0;
        }
    }

    @Command(name = "status", aliases = "info", description = "A bucket's settings and size")
    static final class Status implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "<bucket>", description = "Bucket name")
        String bucket;

        @Option(
                names = {"-j", "--json"},
                description = "The JetStream API's info of the bucket's stream")
        boolean json;

        @Override
        public Integer call() throws Exception {
            var cli = Cli.of(spec);
            try (var connection = cli.connect()) {
                var status = Buckets.status(connection, bucket);
                if (json) {
                    cli.println(JsonOutput.api(connection, "$JS.API.STREAM.INFO.KV_" + bucket, "", cli.timeout()));
                    return 0;
                }

                cli.print(render(cli, status));
            }
            return 0;
        }
    }

    @Command(name = "ls", aliases = "list", description = "List buckets")
    static final class List implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(
                names = {"-n", "--names"},
                description = "Only the names, one a line")
        boolean names;

        @Option(
                names = {"-j", "--json"},
                description = "The buckets as a JSON array")
        boolean json;

        @Override
        public Integer call() throws Exception {
            var cli = Cli.of(spec);
            try (var connection = cli.connect()) {
                var statuses = Buckets.management(connection).getStatuses().stream()
                        .sorted(Comparator.comparing(KeyValueStatus::getBucketName))
                        .toList();
                if (names) {
                    statuses.forEach(status -> cli.println(status.getBucketName()));
                    return 0;
                }
                if (json) {
                    cli.println(JsonOutput.pretty(
                            statuses.stream().map(ReadJson::bucket).toList()));
                    return 0;
                }
                if (statuses.isEmpty()) {
                    cli.println("No Key-Value buckets found");
                    return 0;
                }

                var table = new Table("Key-Value Buckets", "Bucket", "Description", "Created", "Size", "Values");
                for (var status : statuses) {
                    table.row(
                            status.getBucketName(),
                            status.getDescription(),
                            Human.time(status.getBackingStreamInfo().getCreateTime()),
                            Human.bytes(status.getByteCount()),
                            Human.count(status.getEntryCount()));
                }
                cli.print(table.render(cli.style()));
            }
            return 0;
        }
    }

    @Command(name = "rm", aliases = "delete", description = "Delete a bucket and all its values")
    static final class Remove implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "<bucket>", description = "Bucket name")
        String bucket;

        @Option(
                names = {"-f", "--force"},
                description = "Delete without asking")
        boolean force;

        @Override
        public Integer call() throws Exception {
            var cli = Cli.of(spec);
            try (var connection = cli.connect()) {
                Buckets.status(connection, bucket);
                if (!Prompt.confirm(cli, "Really delete bucket " + bucket, force)) {
                    return 0;
                }

                Buckets.management(connection).delete(bucket);
            }
            return 0;
        }
    }

    static String render(Cli cli, KeyValueStatus status) {
        var stream = status.getBackingStreamInfo();
        var fields = new Fields()
                .section("Configuration")
                .add("Bucket Name", status.getBucketName())
                .addIf(status.getDescription() != null, "Description", status.getDescription())
                .add("History Kept", Human.count(status.getMaxHistoryPerKey()))
                .add("Values Stored", Human.count(status.getEntryCount()))
                .add("Backing Store Kind", status.getBackingStore())
                .add("Bucket Size", Human.bytes(status.getByteCount()))
                .add("Maximum Bucket Size", Human.sizeLimit(status.getMaxBucketSize()))
                .add("Maximum Value Size", Human.sizeLimit(status.getMaximumValueSize()))
                .add("Maximum Age", Human.durationLimit(status.getTtl()))
                .add("JetStream Stream", stream.getConfiguration().getName())
                .add("Storage", Human.title(status.getStorageType()));
        var title = "Information for Key-Value Store Bucket " + status.getBucketName() + " created "
                + Human.time(stream.getCreateTime());
        return cli.style().bold(title) + "\n\n" + fields.render(cli.style());
    }
}
