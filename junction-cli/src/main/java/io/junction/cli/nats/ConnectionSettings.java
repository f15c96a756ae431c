package io.junction.cli.nats;

import io.junction.cli.nats.context.ContextStore;
import io.junction.cli.nats.context.NatsContext;

/**
 * Where and as whom to connect, from the flags, then the environment ({@code NATS_URL} and friends), then the
 * context named by {@code --context}, {@code NATS_CONTEXT} or {@code context.txt}, as the nats CLI resolves them.
 */
record ConnectionSettings(
        String url, String user, String password, String token, String creds, String nkey, String contextName) {
    static final String DEFAULT_URL = "nats://127.0.0.1:4222";

    static ConnectionSettings resolve(NatsCommand flags, CliEnvironment environment) {
        var store = new ContextStore(environment.configHome());
        var context = context(flags, environment, store);
        var user = first(flags.user, environment.variable("NATS_USER"), context.get("user"));
        var password = first(flags.password, environment.variable("NATS_PASSWORD"), context.get("password"));
        var token = context.get("token");
        if (user != null && password == null) {
            token = user;
            user = null;
        }
        return new ConnectionSettings(
                first(flags.server, environment.variable("NATS_URL"), context.url(), DEFAULT_URL),
                user,
                password,
                token,
                first(flags.creds, environment.variable("NATS_CREDS"), context.get("creds")),
                first(flags.nkey, environment.variable("NATS_NKEY"), context.get("nkey")),
                context.name());
    }

    private static NatsContext context(NatsCommand flags, CliEnvironment environment, ContextStore store) {
        var named = first(flags.context, environment.variable("NATS_CONTEXT"));
        if (named != null) {
            return store.load(named).orElseThrow(() -> new CliException("unknown context \"" + named + "\""));
        }
        var selected = store.selected();
        if (selected == null) {
            return NatsContext.empty("");
        }
        return store.load(selected)
                .orElseThrow(() -> new CliException("the selected context \"" + selected + "\" does not exist"));
    }

    private static String first(String... values) {
        for (var value : values) {
            if (value != null && !value.isEmpty()) {
                return value;
            }
        }
        return null;
    }
}
