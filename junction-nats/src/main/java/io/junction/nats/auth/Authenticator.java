package io.junction.nats.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;

/**
 * Checks a client's CONNECT credentials against the configured token or users, as nats-server does.
 *
 * <p>Thread-safe and stateless after construction.
 */
public final class Authenticator {
    private final AuthOptions options;
    private final Map<String, User> users = new HashMap<>();

    public Authenticator(AuthOptions options) {
        this.options = options;
        for (var user : options.users()) {
            users.put(user.username(), user);
        }
    }

    public boolean isRequired() {
        return options.isRequired();
    }

    /** The user a client without credentials becomes, or null when {@code no_auth_user} is unset. */
    public Identity noAuthIdentity() {
        if (options.noAuthUser() == null) {
            return null;
        }
        var user = users.get(options.noAuthUser());
        return user == null ? null : identity(user);
    }

    /**
     * The identity the credentials prove, or null for an {@code Authorization Violation}.
     *
     * @param token the CONNECT {@code auth_token}, or null
     * @param username the CONNECT {@code user}, or null
     * @param password the CONNECT {@code pass}, or null
     */
    public Identity authenticate(String token, String username, String password) {
        // nats-server tells a field left out from an empty one by neither, as Go's JSON decoding cannot.
        return authenticateGiven(emptyToNull(token), emptyToNull(username), emptyToNull(password));
    }

    private Identity authenticateGiven(String token, String username, String password) {
        if (!isRequired()) {
            return new Identity(null, options.defaultPermissions());
        }
        if (options.token() != null) {
            return token != null && constantTimeEquals(options.token(), token)
                    ? new Identity(null, options.defaultPermissions())
                    : null;
        }
        if (username == null && token == null && password == null) {
            return noAuthIdentity();
        }
        var user = username == null ? null : users.get(username);
        if (user == null || password == null || !passwordMatches(user.password(), password)) {
            return null;
        }
        return identity(user);
    }

    private Identity identity(User user) {
        var permissions = user.permissions() != null ? user.permissions() : options.defaultPermissions();
        return new Identity(user.username(), permissions);
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static boolean passwordMatches(String stored, String given) {
        if (stored.startsWith("$2")) {
            return BCrypt.verifyer()
                    .verify(given.getBytes(StandardCharsets.UTF_8), stored.getBytes(StandardCharsets.UTF_8))
                    .verified;
        }
        return constantTimeEquals(stored, given);
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /** Who a connection is: the user name (null for token or no auth) and what it may do. */
    public record Identity(String username, Permissions permissions) {}
}
