package io.junction.cli.nats.context;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.junction.cli.nats.Cli;
import io.junction.cli.nats.CliException;
import io.junction.cli.nats.Fields;
import io.junction.cli.nats.Prompt;
import io.junction.cli.nats.Table;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nats context}: named connection settings shared with the nats CLI. */
@Command(
        name = "context",
        aliases = "ctx",
        description = "Manage nats configuration contexts",
        subcommands = {
            ContextCommand.Add.class,
            ContextCommand.Select.class,
            ContextCommand.List.class,
            ContextCommand.Remove.class,
            ContextCommand.Info.class
        })
public final class ContextCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(
            name = "add",
            aliases = {"create", "save"},
            description = "Create or update a context from the connection options (--server, --user, ...)")
    static final class Add implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "<name>", description = "The context name")
        String name;

        @Option(names = "--description", paramLabel = "<text>", description = "A friendly description")
        String description;

        @Option(names = "--select", description = "Select the context as the default one")
        boolean select;

        @Override
        public Integer call() {
            var cli = Cli.of(spec);
            var store = cli.contexts();
            var flags = cli.flags();
            var context = store.load(checked(name)).orElseGet(() -> NatsContext.empty(name));
            var user = flags.user();
            var password = flags.password();
            if (user != null && password == null) {
                context.set("token", user);
            } else {
                context.set("user", user).set("password", password);
            }
            context.set("description", description)
                    .set("url", flags.server())
                    .set("creds", flags.creds())
                    .set("nkey", flags.nkey());
            store.save(context);
            if (select) {
                store.select(name);
            }

            cli.print(describe(cli, context, store));
            return 0;
        }
    }

    @Command(
            name = "select",
            aliases = {"switch", "set"},
            description = "Select the default context")
    static final class Select implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "<name>", description = "The context to select")
        String name;

        @Override
        public Integer call() {
            var cli = Cli.of(spec);
            var store = cli.contexts();
            store.select(name);

            cli.print(describe(cli, store.load(name).orElseThrow(), store));
            return 0;
        }
    }

    @Command(
            name = "ls",
            aliases = {"list", "l"},
            description = "List known contexts")
    static final class List implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(
                names = {"-j", "--json"},
                description = "The context names as a JSON list")
        boolean json;

        @Option(names = "--names", description = "Only the names, one a line")
        boolean names;

        @Override
        public Integer call() throws Exception {
            var cli = Cli.of(spec);
            var store = cli.contexts();
            var all = store.names();
            if (json) {
                cli.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(all));
                return 0;
            }
            if (names) {
                all.forEach(cli::println);
                return 0;
            }
            if (all.isEmpty()) {
                cli.println("No known contexts");
                return 0;
            }
            var selected = store.selected();
            var table = new Table("Known Contexts", "Name", "Description");
            for (var name : all) {
                var context = store.load(name).orElseThrow();
                table.row(name.equals(selected) ? name + "*" : name, context.description());
            }

            cli.print(table.render(cli.style()));
            return 0;
        }
    }

    @Command(name = "rm", aliases = "remove", description = "Remove a context")
    static final class Remove implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "<name>", description = "The context to remove")
        String name;

        @Option(
                names = {"-f", "--force"},
                description = "Remove without asking")
        boolean force;

        @Override
        public Integer call() {
            var cli = Cli.of(spec);
            var store = cli.contexts();
            if (!store.exists(name)) {
                throw new CliException("unknown context \"" + name + "\"");
            }
            if (!Prompt.confirm(cli, "Really delete context " + name, force)) {
                return 0;
            }

            store.remove(name);
            return 0;
        }
    }

    @Command(
            name = "info",
            aliases = {"show", "view"},
            description = "Show the selected or a named context")
    static final class Info implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "<name>", arity = "0..1", description = "The context (default: the selected one)")
        String name;

        @Option(
                names = {"-j", "--json"},
                description = "The context file's JSON")
        boolean json;

        @Override
        public Integer call() throws Exception {
            var cli = Cli.of(spec);
            var store = cli.contexts();
            var wanted = name != null ? name : store.selected();
            if (wanted == null) {
                throw new CliException("no context selected and none given");
            }
            var context = store.load(checked(wanted))
                    .orElseThrow(() -> new CliException("unknown context \"" + wanted + "\""));
            if (json) {
                cli.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(context.toJson()));
                return 0;
            }

            cli.print(describe(cli, context, store));
            return 0;
        }
    }

    private static String checked(String name) {
        if (!ContextStore.isValidName(name)) {
            throw new CliException("invalid context name \"" + name + "\"");
        }
        return name;
    }

    private static String describe(Cli cli, NatsContext context, ContextStore store) {
        var password = context.get("password");
        var token = context.get("token");
        var fields = new Fields()
                .addIf(context.description() != null, "Description", context.description())
                .add("Server URLs", context.url() == null ? "nats://127.0.0.1:4222 (default)" : context.url())
                .addIf(context.get("user") != null, "Username", context.get("user"))
                .addIf(password != null, "Password", password == null ? "" : "*".repeat(password.length()))
                .addIf(token != null, "Token", token == null ? "" : "*".repeat(token.length()))
                .addIf(context.get("creds") != null, "Credentials", context.get("creds"))
                .addIf(context.get("nkey") != null, "NKey", context.get("nkey"))
                .add("Path", store.file(context.name()))
                .add("Selected", context.name().equals(store.selected()) ? "yes" : "no");
        return cli.style().bold("NATS Configuration Context \"" + context.name() + "\"") + "\n\n"
                + fields.render(cli.style());
    }
}
