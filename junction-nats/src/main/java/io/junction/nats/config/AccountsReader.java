package io.junction.nats.config;

import io.junction.nats.auth.Permissions;
import io.junction.nats.config.ConfigValue.ArrayValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an {@code accounts} block. Junction has one account, so it keeps only the users: they still have to log in
 * (ignoring them would leave open a server nats-server protects), but the subjects of different accounts are not
 * isolated and imports, exports, mappings and limits are checked for shape and then ignored.
 */
final class AccountsReader {
    private static final String GLOBAL_ACCOUNT = "$G";

    private AccountsReader() {}

    /** The account names and the users of each account, defaults applied. */
    record Accounts(List<String> names, List<UsersReader.Users> users, Position position) {
        Accounts {
            names = List.copyOf(names);
            users = List.copyOf(users);
        }
    }

    /**
     * @throws ConfigException at a reserved or repeated account name, an account that is not a map, or a bad user
     */
    static Accounts read(Setting setting) {
        return switch (setting.value()) {
            case ArrayValue array -> new Accounts(names(setting), List.of(), setting.position());
            case ConfigMap map -> accounts(setting, map);
            default -> new Accounts(List.of(), List.of(), setting.position());
        };
    }

    private static List<String> names(Setting setting) {
        var names = new ArrayList<String>();
        for (var element : setting.array()) {
            var name = element.string();
            checkName(element, name);
            if (names.contains(name)) {
                throw element.problem("duplicate account entry: " + name);
            }
            names.add(name);
        }
        return names;
    }

    // TODO: accounts do not isolate subjects and their imports and exports are ignored, so users see each other's
    // messages and JetStream API prefixes of other accounts do not work.
    private static Accounts accounts(Setting setting, ConfigMap map) {
        var names = new ArrayList<String>();
        var users = new ArrayList<UsersReader.Users>();
        for (var entry : map.entries()) {
            if (entry.isUsedAsVariable()) {
                continue;
            }
            var account = Setting.of(entry);
            if (!(account.value() instanceof ConfigMap fields)) {
                throw account.problem("expected map entries for accounts");
            }
            checkName(account, entry.key());
            names.add(entry.key());
            users.add(account(fields));
        }
        return new Accounts(names, users, setting.position());
    }

    private static UsersReader.Users account(ConfigMap fields) {
        var users = UsersReader.Users.NONE;
        Permissions defaults = null;
        for (var entry : fields.entries()) {
            var field = Setting.of(entry);
            switch (field.name()) {
                case "users" -> users = UsersReader.read(field);
                case "default_permissions" -> defaults = PermissionsReader.read(field);
                case "nkey" -> field.string();
                case "imports", "exports" -> field.array();
                case "mappings", "maps", "limits" -> field.map();
                case "jetstream" -> {}
                default -> {
                    if (!entry.isUsedAsVariable()) {
                        throw field.problem("unknown field \"" + entry.key() + "\"");
                    }
                }
            }
        }
        return users.withDefaults(defaults);
    }

    private static void checkName(Setting setting, String name) {
        if (GLOBAL_ACCOUNT.equals(name)) {
            throw setting.problem("\"" + name + "\" is a reserved account");
        }
    }
}
