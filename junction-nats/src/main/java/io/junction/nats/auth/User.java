package io.junction.nats.auth;

/**
 * A configured user. The password is plain text or a bcrypt hash ({@code $2a$...}); permissions null means the
 * server's default permissions apply.
 */
public record User(String username, String password, Permissions permissions) {
    @Override
    public String toString() {
        return "User[" + username + "]";
    }
}
