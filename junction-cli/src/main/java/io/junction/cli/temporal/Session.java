package io.junction.cli.temporal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.junction.cli.Style;
import io.temporal.api.operatorservice.v1.OperatorServiceGrpc.OperatorServiceBlockingStub;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc.WorkflowServiceBlockingStub;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What a temporal subcommand needs while it runs: the resolved global options, its output streams and the terminal's
 * style, and the service stubs, made on first use and shut down by {@link #close}. One per command run.
 */
final class Session implements AutoCloseable {
    static final String DEFAULT_ADDRESS = "localhost:7233";
    static final String DEFAULT_NAMESPACE = "default";
    private static final Duration RPC_TIMEOUT = Duration.ofSeconds(10);
    private static final long BUSY_RETRY_MILLIS = 10_000;
    /**
     * gRPC reports a name it cannot resolve through java.util.logging, with a stack trace, before the call fails;
     * the command already says what went wrong in one line. Held here so the setting is not collected.
     */
    private static final java.util.logging.Logger GRPC_LOG = quietGrpc();

    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);

    private final TemporalCommand root;
    private final CommandSpec spec;
    private WorkflowServiceStubs workflowStubs;
    private OperatorServiceStubs operatorStubs;

    private static java.util.logging.Logger quietGrpc() {
        var logger = java.util.logging.Logger.getLogger("io.grpc");
        logger.setLevel(java.util.logging.Level.OFF);
        return logger;
    }

    private Session(TemporalCommand root, CommandSpec spec) {
        this.root = root;
        this.spec = spec;
    }

    /** The session for a command anywhere under {@code temporal}. */
    static Session of(CommandSpec spec) {
        for (var current = spec; current != null; current = current.parent()) {
            if (current.userObject() instanceof TemporalCommand root) {
                return new Session(root, spec);
            }
        }
        throw new IllegalStateException(spec.qualifiedName() + " is not under the temporal command");
    }

    String address() {
        return first(root.address, root.environment().variable("TEMPORAL_ADDRESS"), DEFAULT_ADDRESS);
    }

    String namespace() {
        return first(root.namespace, root.environment().variable("TEMPORAL_NAMESPACE"), DEFAULT_NAMESPACE);
    }

    /** Whether the namespace came from the flag or the environment rather than the default. */
    boolean namespaceGiven() {
        return root.namespace != null || root.environment().variable("TEMPORAL_NAMESPACE") != null;
    }

    boolean json() {
        return root.output == Output.JSON || root.output == Output.JSONL;
    }

    boolean jsonLines() {
        return root.output == Output.JSONL;
    }

    Style style() {
        var mode = root.color == null ? ColorMode.AUTO : root.color;
        return new Style(
                switch (mode) {
                    case ALWAYS -> true;
                    case NEVER -> false;
                    case AUTO ->
                        root.environment().terminal() && root.environment().variable("NO_COLOR") == null;
                });
    }

    Clock clock() {
        return Clock.systemUTC();
    }

    /** Who the requests come from, as the temporal CLI names itself. */
    String identity() {
        var user = System.getProperty("user.name", "unknown");
        try {
            return "temporal-cli:" + user + "@" + InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "temporal-cli:" + user;
        }
    }

    WorkflowServiceBlockingStub workflowService() {
        if (workflowStubs == null) {
            workflowStubs = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                    .setTarget(address())
                    .setRpcTimeout(RPC_TIMEOUT)
                    .validateAndBuildWithDefaults());
        }
        return workflowStubs.blockingStub();
    }

    OperatorServiceBlockingStub operatorService() {
        if (operatorStubs == null) {
            operatorStubs = OperatorServiceStubs.newServiceStubs(OperatorServiceStubsOptions.newBuilder()
                    .setTarget(address())
                    .setRpcTimeout(RPC_TIMEOUT)
                    .validateAndBuildWithDefaults());
        }
        return operatorStubs.blockingStub();
    }

    /** Runs one request, turning a gRPC failure into one line that starts with what was being done. */
    <T> T call(String doing, Supplier<T> request) {
        try {
            return whileBusy(request, BUSY_RETRY_MILLIS);
        } catch (StatusRuntimeException e) {
            throw Failures.of(doing, e, address());
        }
    }

    /**
     * Runs a request, asking again with a growing pause while the server answers that it is busy (RESOURCE_EXHAUSTED,
     * such as a second query to a run that already holds one back), for up to {@code patienceMillis}, as the Go SDK
     * under the temporal CLI retries it.
     */
    static <T> T whileBusy(Supplier<T> request, long patienceMillis) {
        var pauseMillis = 50L;
        var giveUp = System.nanoTime() + patienceMillis * 1_000_000L;
        while (true) {
            try {
                return request.get();
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() != Status.Code.RESOURCE_EXHAUSTED || System.nanoTime() > giveUp) {
                    throw e;
                }
            }
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw Status.CANCELLED.withDescription("interrupted").asRuntimeException();
            }
            pauseMillis = Math.min(1_000, pauseMillis * 2);
        }
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Text that already ends in its own line breaks. */
    void print(String text) {
        // CLI-OUTPUT:BEGIN
        out().print(text);
        // CLI-OUTPUT:END
        out().flush();
    }

    void println(String text) {
        print(text + "\n");
    }

    /** A heading over a card or table, as the temporal CLI prints them. */
    void heading(String text) {
        println(style().magenta(text));
    }

    /** A JSON value, indented for {@code -o json} and on one line for {@code -o jsonl}. */
    void printJson(JsonNode value) {
        try {
            var writer = jsonLines() ? Payloads.JSON.writer() : Payloads.JSON.writer(PRETTY);
            println(writer.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new CliException("could not write JSON: " + e.getOriginalMessage(), e);
        }
    }

    void printProto(MessageOrBuilder message) {
        printJson(tree(message));
    }

    /** A protobuf message as a JSON tree, in protobuf's JSON mapping (camelCase names, enum names). */
    static JsonNode tree(MessageOrBuilder message) {
        try {
            return Payloads.JSON.readTree(JsonFormat.printer().print(message));
        } catch (InvalidProtocolBufferException | JsonProcessingException e) {
            throw new CliException("could not write JSON: " + e.getMessage(), e);
        }
    }

    /** One line to standard error: {@code Error: <message>}. */
    void error(String message) {
        var err = spec.commandLine().getErr();
        // CLI-OUTPUT:BEGIN
        err.println("Error: " + message);
        // CLI-OUTPUT:END
        err.flush();
    }

    @Override
    public void close() {
        if (workflowStubs != null) {
            workflowStubs.shutdownNow();
        }
        if (operatorStubs != null) {
            operatorStubs.shutdownNow();
        }
    }

    private static String first(String flag, String variable, String fallback) {
        if (flag != null && !flag.isEmpty()) {
            return flag;
        }
        return variable != null ? variable : fallback;
    }
}
