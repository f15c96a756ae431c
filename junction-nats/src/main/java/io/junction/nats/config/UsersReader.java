package io.junction.nats.config;

import io.junction.nats.auth.Permissions;
import io.junction.nats.auth.User;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a {@code users} array of {@code {user, password, permissions}} maps, in {@code authorization} or in an
 * account. Users without permissions get the block's default permissions, as nats-server gives them.
 *
 * <p>nkey users are read, counted and left out: Junction cannot check nkey signatures yet.
 */
final class UsersReader {
    private static final Logger LOG = LoggerFactory.getLogger(UsersReader.class);

    private UsersReader() {}

    /** The users of one block, how many nkey users were left out, and where problems with them are reported. */
    record Users(List<User> users, int nkeys, Position position) {
        static final Users NONE = new Users(List.of(), 0, null);

        Users {
            users = List.copyOf(users);
        }

        Users withDefaults(Permissions defaults) {
            if (defaults == null) {
                return this;
            }
            var withDefaults = users.stream()
                    .map(user ->
                            user.permissions() != null ? user : new User(user.username(), user.password(), defaults))
                    .toList();
            return new Users(withDefaults, nkeys, position);
        }
    }

    /**
     * @throws ConfigException at the first entry that is not a map, lacks a user, or has an unknown field
     */
    static Users read(Setting setting) {
        if (!(setting.value() instanceof ConfigValue.ArrayValue)) {
            throw setting.problem("expected users field to be an array, got "
                    + setting.value().describe());
        }
        var users = new ArrayList<User>();
        var nkeys = 0;
        for (var element : setting.array()) {
            if (!(element.value() instanceof ConfigMap map)) {
                throw element.problem("expected user entry to be a map, got "
                        + element.value().describe());
            }
            var user = user(element, map);
            if (user == null) {
                nkeys++;
            } else {
                users.add(user);
            }
        }
        return new Users(users, nkeys, setting.position());
    }

    /** The user an entry defines, or null for an nkey user. */
    private static User user(Setting element, ConfigMap map) {
        String nkey = null;
        String username = null;
        String password = null;
        Permissions permissions = null;
        for (var entry : map.entries()) {
            var field = Setting.of(entry);
            switch (field.name()) {
                case "nkey" -> nkey = field.string();
                case "user", "username" -> username = field.string();
                case "pass", "password" -> password = field.string();
                case "permission", "permissions", "authorization" -> permissions = PermissionsReader.read(field);
                case "allowed_connection_types", "connection_types", "clients" ->
                    LOG.warn(
                            "{}: allowed_connection_types is not enforced yet; the user may connect as a plain client",
                            field.position());
                default -> {
                    if (!entry.isUsedAsVariable()) {
                        throw field.problem("unknown field \"" + entry.key() + "\"");
                    }
                }
            }
        }
        if (nkey == null && (username == null || username.isEmpty())) {
            throw element.problem("user entry requires a user");
        }
        // TODO: nkey users cannot log in until the server sends a nonce and checks signatures.
        if (nkey != null) {
            if (username != null || password != null) {
                throw element.problem("nkey users do not take usernames or passwords");
            }
            LOG.warn("{}: nkey users are not supported yet; nkey {} cannot log in", element.position(), nkey);
            return null;
        }
        return new User(username, password == null ? "" : password, permissions);
    }
}
