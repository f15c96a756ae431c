package io.junction.cli.nats.object;

import io.junction.cli.nats.Cli;
import io.junction.cli.nats.CliException;
import io.junction.cli.nats.DurationConverter;
import io.junction.cli.nats.Fields;
import io.junction.cli.nats.Human;
import io.junction.cli.nats.JsonOutput;
import io.junction.cli.nats.Prompt;
import io.junction.cli.nats.ReadJson;
import io.junction.cli.nats.Table;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.ObjectStore;
import io.nats.client.ObjectStoreManagement;
import io.nats.client.api.ObjectInfo;
import io.nats.client.api.ObjectMeta;
import io.nats.client.api.ObjectStoreConfiguration;
import io.nats.client.api.ObjectStoreStatus;
import io.nats.client.api.StorageType;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nats object}: object store buckets and the files in them. */
@Command(
        name = "object",
        aliases = {"obj"},
        description = "Object store buckets",
        subcommands = {
            ObjectCommand.Add.class,
            ObjectCommand.Put.class,
            ObjectCommand.Get.class,
            ObjectCommand.List.class,
            ObjectCommand.Info.class,
            ObjectCommand.Remove.class
        })
public final class ObjectCommand implements Runnable {
    private static final int STREAM_NOT_FOUND = 10059;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "add", description = "Create a bucket")
    static final class Add implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "<bucket>", description = "Bucket name")
        String bucket;

        @Option(
                names = "--ttl",
                paramLabel = "<duration>",
                converter = DurationConverter.class,
                description = "How long objects live")
        Duration ttl;

        @Option(names = "--replicas", paramLabel = "<n>", defaultValue = "1", description = "Replicas")
        int replicas;

        @Option(names = "--storage", paramLabel = "<type>", defaultValue = "file", description = "file or memory")
        String storage;

        @Option(names = "--max-bucket-size", paramLabel = "<size>", description = "Most bytes in the bucket")
        String maxBucketSize;

        @Option(names = "--description", paramLabel = "<text>", description = "A description of the bucket")
        String description;

        @Override
        public Integer call() throws Exception {
            var cli = Cli.of(spec);
            var builder = ObjectStoreConfiguration.builder()
                    .name(bucket)
                    .replicas(replicas)
                    .description(description)
                    .storageType(
                            storage.toLowerCase(Locale.ROOT).startsWith("m") ? StorageType.Memory : StorageType.File);
            if (ttl != null) {
                builder.ttl(ttl);
            }
            if (maxBucketSize != null) {
                builder.maxBucketSize(Human.parseBytes(maxBucketSize));
            }
            try (var connection = cli.connect()) {
                cli.print(render(cli, management(connection).create(builder.build())));
            }
            return 0;
        }
    }

    @Command(name = "put", description = "Store a file")
    static final class Put implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "<bucket>", description = "Bucket name")
        String bucket;

        @Parameters(index = "1", paramLabel = "<file>", description = "File to store")
        Path file;

        @Option(names = "--name", paramLabel = "<name>", description = "Object name (default: the file's name)")
        String name;

        @Option(names = "--description", paramLabel = "<text>", description = "A description of the object")
        String description;

        @Option(
                names = {"-j", "--json"},
                description = "The stored object's details as JSON")
        boolean json;

        @Override
        public Integer call() throws Exception {
            var cli = Cli.of(spec);
            if (!Files.isReadable(file)) {
                throw new CliException("cannot read " + file);
            }
            var meta = ObjectMeta.builder(
                            name != null ? name : file.getFileName().toString())
                    .description(description)
                    .build();
            try (var connection = cli.connect();
                    var input = Files.newInputStream(file)) {
                var info = open(connection, bucket).put(meta, input);

                if (json) {
                    cli.println(JsonOutput.pretty(ReadJson.object(info)));
                    return 0;
                }
                cli.print(render(cli, info));
            }
            return 0;
        }
    }

    @Command(name = "get", description = "Retrieve an object into a file")
    static final class Get implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "<bucket>", description = "Bucket name")
        String bucket;

        @Parameters(index = "1", paramLabel = "<name>", description = "Object name")
        String name;

        @Option(
                names = {"-O", "--output"},
                paramLabel = "<file>",
                description = "Where to write it; - for standard output (default: the object's name here)")
        String output;

        @Option(
                names = {"-f", "--force"},
                description = "Overwrite an existing file")
        boolean force;

        @Override
        public Integer call() throws Exception {
            var cli = Cli.of(spec);
            try (var connection = cli.connect()) {
                var store = open(connection, bucket);
                var info = store.getInfo(name);
                if (info == null || info.isDeleted()) {
                    throw new CliException("object " + name + " not found in bucket " + bucket);
                }
                if ("-".equals(output)) {
                    store.get(name, new NonClosing(System.out));
                    return 0;
                }
                var target = Path.of(
                        output != null ? output : Path.of(name).getFileName().toString());
                if (Files.exists(target) && !force) {
                    throw new CliException(target + " exists, use --force to overwrite it");
                }
                var started = System.nanoTime();
                try (var out = Files.newOutputStream(target)) {
                    store.get(name, out);
                }

                cli.status("Wrote: " + Human.bytes(info.getSize()) + " to " + target + " in "
                        + Human.duration(Duration.ofNanos(System.nanoTime() - started)));
            }
            return 0;
        }
    }

    @Command(name = "ls", aliases = "list", description = "List the objects in a bucket, or the buckets")
    static final class List implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(arity = "0..1", paramLabel = "<bucket>", description = "Bucket name (default: list buckets)")
        String bucket;

        @Option(
                names = {"-j", "--json"},
                description = "The buckets or objects as a JSON array")
        boolean json;

        @Override
        public Integer call() throws Exception {
            var cli = Cli.of(spec);
            try (var connection = cli.connect()) {
                if (bucket == null && json) {
                    cli.println(JsonOutput.pretty(management(connection).getStatuses().stream()
                            .map(ReadJson::objectBucket)
                            .toList()));
                    return 0;
                }
                if (bucket == null) {
                    var table = new Table("Object Store Buckets", "Bucket", "Description", "Size", "Sealed");
                    for (var status : management(connection).getStatuses()) {
                        table.row(
                                status.getBucketName(),
                                status.getDescription(),
                                Human.bytes(status.getSize()),
                                status.isSealed());
                    }
                    cli.print(table.isEmpty() ? "No Object Store buckets found\n" : table.render(cli.style()));
                    return 0;
                }
                var objects = open(connection, bucket).getList();
                if (json) {
                    cli.println(JsonOutput.pretty(
                            objects.stream().map(ReadJson::object).toList()));
                    return 0;
                }
                if (objects.isEmpty()) {
                    cli.println("No entries found in bucket " + bucket);
                    return 0;
                }

                var table = new Table("Bucket Contents", "Name", "Size", "Time");
                for (var info : objects) {
                    table.row(info.getObjectName(), Human.bytes(info.getSize()), Human.time(info.getModified()));
                }
                cli.print(table.render(cli.style()));
            }
            return 0;
        }
    }

    @Command(name = "info", description = "A bucket's status, or an object's details")
    static final class Info implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "<bucket>", description = "Bucket name")
        String bucket;

        @Parameters(index = "1", arity = "0..1", paramLabel = "<name>", description = "Object name")
        String name;

        @Option(
                names = {"-j", "--json"},
                description = "The bucket's status or the object's details as JSON")
        boolean json;

        @Override
        public Integer call() throws Exception {
            var cli = Cli.of(spec);
            try (var connection = cli.connect()) {
                var store = open(connection, bucket);
                if (name == null) {
                    if (json) {
                        cli.println(JsonOutput.pretty(ReadJson.objectBucket(store.getStatus())));
                        return 0;
                    }
                    cli.print(render(cli, store.getStatus()));
                    return 0;
                }
                var info = store.getInfo(name);
                if (info == null || info.isDeleted()) {
                    throw new CliException("object " + name + " not found in bucket " + bucket);
                }

                if (json) {
                    cli.println(JsonOutput.pretty(ReadJson.object(info)));
                    return 0;
                }
                cli.print(render(cli, info));
            }
            return 0;
        }
    }

    @Command(name = "rm", aliases = "delete", description = "Delete an object, or the whole bucket")
    static final class Remove implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "<bucket>", description = "Bucket name")
        String bucket;

        @Parameters(index = "1", arity = "0..1", paramLabel = "<name>", description = "Object name")
        String name;

        @Option(
                names = {"-j", "--json"},
                description = "The bucket's status or the object's details as JSON")
        boolean json;

        @Option(
                names = {"-f", "--force"},
                description = "Delete without asking")
        boolean force;

        @Override
        public Integer call() throws Exception {
            var cli = Cli.of(spec);
            try (var connection = cli.connect()) {
                var store = open(connection, bucket);
                var what = name == null ? "bucket " + bucket : "object " + bucket + " > " + name;
                if (!Prompt.confirm(cli, "Really delete " + what, force)) {
                    return 0;
                }
                if (name == null) {
                    management(connection).delete(bucket);
                    return 0;
                }
                var info = store.getInfo(name);
                if (info == null || info.isDeleted()) {
                    throw new CliException("object " + name + " not found in bucket " + bucket);
                }

                store.delete(name);
            }
            return 0;
        }
    }

    private static ObjectStoreManagement management(Connection connection) throws IOException {
        return connection.objectStoreManagement();
    }

    private static ObjectStore open(Connection connection, String bucket) throws IOException {
        try {
            management(connection).getStatus(bucket);
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == STREAM_NOT_FOUND) {
                throw new CliException("bucket " + bucket + " not found");
            }
            throw new CliException(e.getErrorDescription(), e);
        }
        return connection.objectStore(bucket);
    }

    private static String render(Cli cli, ObjectStoreStatus status) {
        var fields = new Fields()
                .add("Bucket Name", status.getBucketName())
                .addIf(status.getDescription() != null, "Description", status.getDescription())
                .add("Size", Human.bytes(status.getSize()))
                .add("Maximum Bucket Size", Human.sizeLimit(status.getMaxBucketSize()))
                .add("Maximum Age", Human.durationLimit(status.getTtl()))
                .add("Sealed", status.isSealed())
                .add("Storage", Human.title(status.getStorageType()))
                .add("Backing Store Kind", status.getBackingStore())
                .add(
                        "JetStream Stream",
                        status.getBackingStreamInfo().getConfiguration().getName());
        return cli.style().bold("Object Store Status for " + status.getBucketName()) + "\n\n"
                + fields.render(cli.style());
    }

    private static String render(Cli cli, ObjectInfo info) {
        var fields = new Fields()
                .add("Object Name", info.getObjectName())
                .addIf(info.getDescription() != null, "Description", info.getDescription())
                .add("Size", Human.bytes(info.getSize()))
                .add("Modification Time", Human.time(info.getModified()))
                .add("Chunks", Human.count(info.getChunks()))
                .add("Digest", info.getDigest());
        return cli.style().bold("Object information for " + info.getBucket() + " > " + info.getObjectName()) + "\n\n"
                + fields.render(cli.style());
    }

    /** Standard output for the client to write into, left open after. */
    private static final class NonClosing extends OutputStream {
        private final OutputStream out;

        NonClosing(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
