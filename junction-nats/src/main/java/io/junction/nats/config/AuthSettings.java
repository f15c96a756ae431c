package io.junction.nats.config;

import io.junction.nats.auth.AuthOptions;
import io.junction.nats.auth.Permissions;
import io.junction.nats.auth.User;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects what the file says about authentication, from {@code authorization}, {@code accounts},
 * {@code no_auth_user} and {@code tls}, and turns it into {@link AuthOptions} with nats-server's checks.
 *
 * <p>Junction never starts open where nats-server would ask for credentials it cannot check (nkeys, client
 * certificates): such a file fails to load instead.
 */
final class AuthSettings {
    private static final Logger LOG = LoggerFactory.getLogger(AuthSettings.class);

    private Authorization authorization;
    private AccountsReader.Accounts accounts;
    private Setting noAuthUser;
    private Setting clientCertificates;

    void authorization(Authorization value) {
        authorization = value;
    }

    void accounts(AccountsReader.Accounts value) {
        accounts = value;
        LOG.warn(
                "{}: accounts are not supported yet; users of accounts {} log in to one shared account, subjects are "
                        + "not isolated, and imports, exports and mappings are ignored",
                value.position(),
                value.names());
    }

    void noAuthUser(Setting setting) {
        setting.string();
        noAuthUser = setting;
    }

    /** A {@code tls} block that asks clients for certificates, which are their credentials there. */
    void clientCertificatesRequired(Setting setting) {
        clientCertificates = setting;
    }

    /** The authorization timeout the file sets, or null for the default. */
    Duration timeout() {
        return authorization == null ? null : authorization.timeout();
    }

    /**
     * @throws ConfigException when users repeat, kinds of authentication conflict, {@code no_auth_user} names no
     *     user, or the file relies on credentials Junction cannot check
     */
    AuthOptions build() {
        var blocks = userBlocks();
        var users = new ArrayList<User>();
        blocks.forEach(block -> users.addAll(block.users()));
        checkDuplicates(blocks);
        var options = options(users);
        checkNoAuthUser(users);
        var nkeyBlock = blocks.stream().filter(block -> block.nkeys() > 0).findFirst();
        if (!options.isRequired() && nkeyBlock.isPresent()) {
            throw ConfigException.at(
                    nkeyBlock.get().position(),
                    "only nkey users are configured and nkeys are not supported yet; Junction will not "
                            + "start without the authentication this file asks for");
        }
        if (!options.isRequired() && clientCertificates != null) {
            throw clientCertificates.problem("tls verify makes client certificates the credentials and they cannot "
                    + "be checked yet; Junction will not start without the authentication this file asks for");
        }
        return options;
    }

    private AuthOptions options(List<User> users) {
        var noAuth = noAuthUser == null ? null : noAuthUser.string();
        if (authorization == null) {
            return new AuthOptions(null, users, noAuth, Permissions.ALL);
        }
        if (authorization.defaultPermissions() != null && authorization.users() == null) {
            LOG.warn(
                    "{}: default_permissions apply only to the users of a users array; as in nats-server, token, "
                            + "single-user and anonymous clients are not restricted by them",
                    authorization.position());
        }
        if (authorization.hasToken()) {
            return new AuthOptions(authorization.token(), List.of(), noAuth, Permissions.ALL);
        }
        if (authorization.hasSingleUser()) {
            var password = authorization.password() == null ? "" : authorization.password();
            var single = new User(authorization.user() == null ? "" : authorization.user(), password, null);
            return new AuthOptions(null, List.of(single), noAuth, Permissions.ALL);
        }
        return new AuthOptions(null, users, noAuth, Permissions.ALL);
    }

    /**
     * The users array of {@code authorization}, whose problems nats-server reports at the block, then the users of
     * each account, reported at their {@code users} key.
     */
    private List<UsersReader.Users> userBlocks() {
        var blocks = new ArrayList<UsersReader.Users>();
        if (authorization != null && authorization.users() != null) {
            var users = authorization.users();
            blocks.add(new UsersReader.Users(users.users(), users.nkeys(), authorization.position()));
        }
        if (accounts != null) {
            for (var users : accounts.users()) {
                checkAlongsideAuthorization(users);
                blocks.add(users);
            }
        }
        return blocks;
    }

    private void checkAlongsideAuthorization(UsersReader.Users accountUsers) {
        if (authorization == null || accountUsers.users().isEmpty() && accountUsers.nkeys() == 0) {
            return;
        }
        if (authorization.hasSingleUser()) {
            throw ConfigException.at(accountUsers.position(), "can not have a single user/pass and accounts");
        }
        if (authorization.hasToken()) {
            throw ConfigException.at(accountUsers.position(), "can not have a token and accounts");
        }
    }

    private static void checkDuplicates(List<UsersReader.Users> blocks) {
        var seen = new HashSet<String>();
        for (var block : blocks) {
            for (var user : block.users()) {
                if (!seen.add(user.username())) {
                    throw ConfigException.at(block.position(), "duplicate user \"" + user.username() + "\" detected");
                }
            }
        }
    }

    /** nats-server insists the anonymous user is one of the users, not the single user or a token. */
    private void checkNoAuthUser(List<User> users) {
        if (noAuthUser == null) {
            return;
        }
        var name = noAuthUser.string();
        if (users.isEmpty()) {
            throw noAuthUser.problem("no_auth_user: \"" + name + "\" present, but users are not defined");
        }
        if (users.stream().noneMatch(user -> user.username().equals(name))) {
            throw noAuthUser.problem("no_auth_user: \"" + name
                    + "\" not present as user in authorization block or account configuration");
        }
    }
}
