package io.junction.cli.temporal;

import com.google.protobuf.ByteString;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.api.workflowservice.v1.DescribeNamespaceResponse;
import io.temporal.api.workflowservice.v1.ListNamespacesRequest;
import io.temporal.api.workflowservice.v1.RegisterNamespaceRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code temporal operator namespace}: register, describe and list namespaces. */
@Command(
        name = "namespace",
        description = "Register, describe and list namespaces.",
        subcommands = {NamespaceCommand.Create.class, NamespaceCommand.Describe.class, NamespaceCommand.Listing.class})
final class NamespaceCommand implements Runnable {
    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help message and exit")
    boolean help;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The namespace named by {@code -n} or, as the temporal CLI still accepts, by the one argument. */
    static String name(Session session, String argument) {
        if (argument != null && session.namespaceGiven()) {
            throw new CliException("namespace was given as both an argument (" + argument + ") and a flag (-n "
                    + session.namespace() + "); give it only with -n");
        }
        return argument != null ? argument : session.namespace();
    }

    @Command(name = "create", sortOptions = false, description = "Register a new namespace, named with -n.")
    static final class Create extends ClientCommand {
        @Parameters(arity = "0..1", paramLabel = "<namespace>", description = "Namespace (prefer -n)")
        String argument;

        @Option(
                names = "--retention",
                paramLabel = "<duration>",
                converter = DurationConverter.class,
                defaultValue = "72h",
                description = "How long closed workflows are kept (default: ${DEFAULT-VALUE})")
        Duration retention;

        @Option(names = "--description", paramLabel = "<text>", description = "Namespace description")
        String description = "";

        @Option(names = "--email", paramLabel = "<address>", description = "Owner's email address")
        String email = "";

        @Override
        int run(Session session) {
            var name = name(session, argument);
            var request = RegisterNamespaceRequest.newBuilder()
                    .setNamespace(name)
                    .setDescription(description)
                    .setOwnerEmail(email)
                    .setWorkflowExecutionRetentionPeriod(StartOptions.proto(retention))
                    .build();

            session.call("unable to create namespace " + name, () -> session.workflowService()
                    .registerNamespace(request));
            if (session.json()) {
                session.printJson(Payloads.JSON.createObjectNode());
            } else {
                session.println(session.style().green("Namespace " + name + " successfully registered."));
            }
            return OK;
        }
    }

    @Command(
            name = "describe",
            sortOptions = false,
            description = "Describe a namespace, named with -n or given by --namespace-id.")
    static final class Describe extends ClientCommand {
        @Parameters(arity = "0..1", paramLabel = "<namespace>", description = "Namespace (prefer -n)")
        String argument;

        @Option(names = "--namespace-id", paramLabel = "<id>", description = "Namespace ID")
        String id;

        @Override
        int run(Session session) {
            var request = DescribeNamespaceRequest.newBuilder();
            if (id != null) {
                request.setId(id);
            } else {
                request.setNamespace(name(session, argument));
            }

            var response = session.call("unable to describe namespace", () -> session.workflowService()
                    .describeNamespace(request.build()));
            if (session.json()) {
                session.printProto(response);
            } else {
                session.print(card(response).render());
            }
            return OK;
        }
    }

    @Command(name = "list", sortOptions = false, description = "List the namespaces on the server.")
    static final class Listing extends ClientCommand {
        @Override
        int run(Session session) {
            var namespaces = fetch(session);

            if (session.json()) {
                var array = Payloads.JSON.createArrayNode();
                namespaces.forEach(namespace -> array.add(Session.tree(namespace)));
                if (session.jsonLines()) {
                    array.forEach(session::printJson);
                } else {
                    session.printJson(array);
                }
                return OK;
            }
            var table = new Table("Name", "State", "Retention", "Id", "Description");
            for (var namespace : namespaces) {
                var info = namespace.getNamespaceInfo();
                table.row(
                        info.getName(),
                        Human.enumName(info.getState(), "NAMESPACE_STATE_"),
                        Human.duration(namespace.getConfig().getWorkflowExecutionRetentionTtl()),
                        info.getId(),
                        info.getDescription());
            }
            session.print(table.render(session.style()));
            return OK;
        }

        private static List<DescribeNamespaceResponse> fetch(Session session) {
            var namespaces = new ArrayList<DescribeNamespaceResponse>();
            var token = ByteString.EMPTY;
            do {
                var request = ListNamespacesRequest.newBuilder()
                        .setPageSize(100)
                        .setNextPageToken(token)
                        .build();
                var page = session.call("unable to list namespaces", () -> session.workflowService()
                        .listNamespaces(request));
                namespaces.addAll(page.getNamespacesList());
                token = page.getNextPageToken();
            } while (!token.isEmpty());
            return namespaces;
        }
    }

    private static Card card(DescribeNamespaceResponse response) {
        var info = response.getNamespaceInfo();
        var config = response.getConfig();
        List<String> clusters = new ArrayList<>();
        response.getReplicationConfig().getClustersList().forEach(cluster -> clusters.add(cluster.getClusterName()));
        return new Card()
                .add("NamespaceInfo.Name", info.getName())
                .add("NamespaceInfo.Id", info.getId())
                .add("NamespaceInfo.Description", info.getDescription())
                .add("NamespaceInfo.OwnerEmail", info.getOwnerEmail())
                .add("NamespaceInfo.State", Human.enumName(info.getState(), "NAMESPACE_STATE_"))
                .optional("NamespaceInfo.Data", info.getDataMap().isEmpty() ? null : info.getDataMap())
                .add("Config.WorkflowExecutionRetentionTtl", Human.duration(config.getWorkflowExecutionRetentionTtl()))
                .add("Config.HistoryArchivalState", Human.enumName(config.getHistoryArchivalState(), "ARCHIVAL_STATE_"))
                .add(
                        "Config.VisibilityArchivalState",
                        Human.enumName(config.getVisibilityArchivalState(), "ARCHIVAL_STATE_"))
                .optional(
                        "ReplicationConfig.ActiveClusterName",
                        response.getReplicationConfig().getActiveClusterName())
                .optional("ReplicationConfig.Clusters", clusters.isEmpty() ? null : String.join(", ", clusters))
                .add("IsGlobalNamespace", response.getIsGlobalNamespace())
                .add("FailoverVersion", response.getFailoverVersion());
    }
}
