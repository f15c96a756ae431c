package io.junction.nats.config;

import io.junction.nats.auth.Permissions;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@code authorization} block: a token, a single user, or a {@code users} array with default permissions.
 * {@code users} is null when the block has no {@code users} key, since nats-server tells "none" from "empty".
 */
record Authorization(
        String user,
        String password,
        String token,
        Duration timeout,
        UsersReader.Users users,
        Permissions defaultPermissions,
        Position position) {
    private static final Logger LOG = LoggerFactory.getLogger(Authorization.class);

    /**
     * @throws ConfigException at an unknown field, a wrong type, or a token or single user mixed with others
     */
    static Authorization read(Setting setting) {
        var map = setting.map();
        String user = null;
        String password = null;
        String token = null;
        Duration timeout = null;
        UsersReader.Users users = null;
        Permissions defaults = null;
        for (var entry : map.entries()) {
            var field = Setting.of(entry);
            switch (field.name()) {
                case "user", "username" -> user = field.string();
                case "pass", "password" -> password = field.string();
                case "token" -> token = field.string();
                case "timeout" -> timeout = timeout(field);
                case "users" -> users = UsersReader.read(field);
                case "default_permission", "default_permissions", "permissions" ->
                    defaults = PermissionsReader.read(field);
                default -> {
                    if (!entry.isUsedAsVariable()) {
                        throw field.problem("unknown field \"" + entry.key() + "\"");
                    }
                }
            }
        }
        var authorization = new Authorization(
                user,
                password,
                token,
                timeout,
                users == null ? null : users.withDefaults(defaults),
                defaults,
                setting.position());
        authorization.check(setting);
        return authorization;
    }

    boolean hasSingleUser() {
        return (user != null && !user.isEmpty()) || (password != null && !password.isEmpty());
    }

    boolean hasToken() {
        return token != null && !token.isEmpty();
    }

    private void check(Setting setting) {
        if (hasSingleUser() && hasToken()) {
            throw setting.problem("cannot have a user/pass and token");
        }
        if (users != null && hasSingleUser()) {
            throw setting.problem("can not have a single user/pass and a users array");
        }
        if (users != null && hasToken()) {
            throw setting.problem("can not have a token and a users array");
        }
    }

    /**
     * nats-server reads a whole or fractional number of seconds and, for any other value, waits one second; a zero
     * keeps the default.
     */
    private static Duration timeout(Setting setting) {
        var seconds =
                switch (setting.value()) {
                    case ConfigValue.IntegerValue number -> (double) number.value();
                    case ConfigValue.FloatValue number -> number.value();
                    default -> {
                        LOG.warn(
                                "{}: authorization timeout {} is not a number of seconds; using 1 second as "
                                        + "nats-server does",
                                setting.position(),
                                setting.value().describe());
                        yield 1.0;
                    }
                };
        return seconds == 0 ? null : Duration.ofNanos(Math.round(seconds * 1_000_000_000L));
    }
}
