package io.junction.nats.auth;

import java.util.List;

/**
 * How clients authenticate: a token, a single user, or a list of users; at most one of these is set.
 * {@code noAuthUser} names the user a client that sends no credentials is treated as.
 */
public record AuthOptions(String token, List<User> users, String noAuthUser, Permissions defaultPermissions) {
    public static final AuthOptions NONE = new AuthOptions(null, List.of(), null, Permissions.ALL);

    public AuthOptions {
        users = List.copyOf(users);
        defaultPermissions = defaultPermissions == null ? Permissions.ALL : defaultPermissions;
    }

    public boolean isRequired() {
        return token != null || !users.isEmpty();
    }
}
