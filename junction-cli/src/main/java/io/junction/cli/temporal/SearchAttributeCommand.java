package io.junction.cli.temporal;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code temporal operator search-attribute}: add and list the namespace's search attributes. */
@Command(
        name = "search-attribute",
        description = "Add and list search attributes of a namespace.",
        subcommands = {SearchAttributeCommand.Create.class, SearchAttributeCommand.Listing.class})
final class SearchAttributeCommand implements Runnable {
    private static final String TYPE_PREFIX = "INDEXED_VALUE_TYPE_";

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

    /** {@code Keyword}, {@code keyword_list} or {@code KeywordList} to the API's type. */
    static IndexedValueType type(String name) {
        var wanted = name.replace("_", "").toLowerCase(Locale.ROOT);
        for (var type : IndexedValueType.values()) {
            if (type != IndexedValueType.UNRECOGNIZED
                    && type != IndexedValueType.INDEXED_VALUE_TYPE_UNSPECIFIED
                    && Human.enumName(type, TYPE_PREFIX)
                            .toLowerCase(Locale.ROOT)
                            .equals(wanted)) {
                return type;
            }
        }
        throw new CliException("unsupported search attribute type: \"" + name
                + "\"; use Text, Keyword, Int, Double, Bool, Datetime or KeywordList");
    }

    @Command(
            name = "create",
            sortOptions = false,
            description = "Add custom search attributes: --name and --type, once for each.")
    static final class Create extends ClientCommand {
        @Option(names = "--name", required = true, paramLabel = "<name>", description = "Search attribute name")
        List<String> names = new ArrayList<>();

        @Option(
                names = "--type",
                required = true,
                paramLabel = "<type>",
                description = "Text, Keyword, Int, Double, Bool, Datetime or KeywordList")
        List<String> types = new ArrayList<>();

        @Override
        int run(Session session) {
            if (names.size() != types.size()) {
                throw new CliException(
                        "give one --type for each --name (" + names.size() + " names, " + types.size() + " types)");
            }
            var attributes = new LinkedHashMap<String, IndexedValueType>();
            for (var i = 0; i < names.size(); i++) {
                attributes.put(names.get(i), type(types.get(i)));
            }
            var request = AddSearchAttributesRequest.newBuilder()
                    .setNamespace(session.namespace())
                    .putAllSearchAttributes(attributes)
                    .build();

            session.call("unable to add search attributes", () -> session.operatorService()
                    .addSearchAttributes(request));
            if (session.json()) {
                session.printJson(Payloads.JSON.createObjectNode());
            } else {
                session.println(session.style().green("Search attributes have been added"));
            }
            return OK;
        }
    }

    @Command(
            name = "list",
            sortOptions = false,
            description = "List the namespace's system and custom search attributes.")
    static final class Listing extends ClientCommand {
        @Override
        int run(Session session) {
            var request = ListSearchAttributesRequest.newBuilder()
                    .setNamespace(session.namespace())
                    .build();
            var response = session.call("unable to list search attributes", () -> session.operatorService()
                    .listSearchAttributes(request));

            if (session.json()) {
                session.printProto(response);
                return OK;
            }
            var table = new Table("Name", "Type", "Kind");
            add(table, response.getCustomAttributesMap(), "Custom");
            add(table, response.getSystemAttributesMap(), "System");
            session.print(table.render(session.style()));
            return OK;
        }

        private static void add(Table table, Map<String, IndexedValueType> attributes, String kind) {
            new TreeMap<>(attributes).forEach((name, type) -> table.row(name, Human.enumName(type, TYPE_PREFIX), kind));
        }
    }
}
