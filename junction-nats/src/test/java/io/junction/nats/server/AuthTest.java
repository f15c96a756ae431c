package io.junction.nats.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.junction.nats.auth.AuthOptions;
import io.junction.nats.auth.Permissions;
import io.junction.nats.auth.ResponsePermission;
import io.junction.nats.auth.SubjectPermission;
import io.junction.nats.auth.User;
import io.nats.client.AuthenticationException;
import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Token, user and password, bcrypt, permissions and no_auth_user, through the official Java client. */
class AuthTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void acceptsTheRightTokenAndRefusesAWrongOne() throws Exception {
        var auth = new AuthOptions("s3cret", List.of(), null, Permissions.ALL);
        try (var server = TestServers.start(options -> options.auth(auth))) {
            try (var connection =
                    Nats.connect(options(server).token("s3cret".toCharArray()).build())) {
                assertThat(connection.getStatus()).isEqualTo(Connection.Status.CONNECTED);
            }

            assertThatThrownBy(() -> Nats.connect(
                            options(server).token("wrong".toCharArray()).build()))
                    .isInstanceOf(AuthenticationException.class)
                    .hasMessageContaining("Authorization Violation");
        }
    }

    @Test
    void acceptsPlainAndBcryptPasswordsAndRefusesWrongOnes() throws Exception {
        var hash = BCrypt.withDefaults().hashToString(4, "b-pass".toCharArray());
        var users = List.of(new User("alice", "a-pass", null), new User("bob", hash, null));
        var auth = new AuthOptions(null, users, null, Permissions.ALL);
        try (var server = TestServers.start(options -> options.auth(auth))) {
            try (var alice = Nats.connect(
                            options(server).userInfo("alice", "a-pass").build());
                    var bob = Nats.connect(
                            options(server).userInfo("bob", "b-pass").build())) {
                assertThat(alice.getStatus()).isEqualTo(Connection.Status.CONNECTED);
                assertThat(bob.getStatus()).isEqualTo(Connection.Status.CONNECTED);
            }

            assertThatThrownBy(() -> Nats.connect(
                            options(server).userInfo("bob", "a-pass").build()))
                    .isInstanceOf(AuthenticationException.class);
            assertThatThrownBy(() -> Nats.connect(options(server).build())).isInstanceOf(AuthenticationException.class);
            assertThat(server.connections(false)).isEmpty();
        }
    }

    @Test
    void reportsPublishAndSubscribePermissionViolationsAndKeepsTheConnection() throws Exception {
        var permissions = new Permissions(
                new SubjectPermission(List.of("orders.>"), List.of("orders.secret")),
                new SubjectPermission(List.of("orders.*", "jobs work"), List.of()),
                null);
        var auth = new AuthOptions(null, List.of(new User("app", "pw", permissions)), null, Permissions.ALL);
        try (var server = TestServers.start(options -> options.auth(auth))) {
            var errors = new CopyOnWriteArrayList<String>();
            try (var connection = Nats.connect(options(server)
                    .userInfo("app", "pw")
                    .errorListener(recorder(errors))
                    .build())) {
                var allowed = connection.subscribe("orders.created");
                connection.subscribe("payments.created");
                connection.subscribe("jobs", "other");
                connection.subscribe("jobs", "work");
                connection.publish("orders.secret", new byte[1]);
                connection.publish("payments.created", new byte[1]);
                connection.publish("orders.created", "ok".getBytes(StandardCharsets.UTF_8));
                connection.flush(WAIT);

                assertThat(allowed.nextMessage(WAIT)).isNotNull();
                await().atMost(WAIT).untilAsserted(() -> assertThat(errors)
                        .containsExactlyInAnyOrder(
                                "Permissions Violation for Subscription to \"payments.created\"",
                                "Permissions Violation for Subscription to \"jobs\" using queue \"other\"",
                                "Permissions Violation for Publish to \"orders.secret\"",
                                "Permissions Violation for Publish to \"payments.created\""));
                assertThat(connection.getStatus()).isEqualTo(Connection.Status.CONNECTED);
            }
        }
    }

    @Test
    void letsAResponderAnswerRequestsItMayNotOtherwisePublishTo() throws Exception {
        var responderPermissions = new Permissions(
                new SubjectPermission(List.of("nothing"), List.of()),
                SubjectPermission.ANY,
                ResponsePermission.defaults());
        var users = List.of(new User("service", "pw", responderPermissions), new User("client", "pw", null));
        var auth = new AuthOptions(null, users, null, Permissions.ALL);
        try (var server = TestServers.start(options -> options.auth(auth));
                var service =
                        Nats.connect(options(server).userInfo("service", "pw").build());
                var client =
                        Nats.connect(options(server).userInfo("client", "pw").build())) {
            service.createDispatcher(message -> service.publish(message.getReplyTo(), "pong".getBytes()))
                    .subscribe("ping");
            service.flush(WAIT);

            var reply = client.request("ping", new byte[0], WAIT);

            assertThat(reply).isNotNull();
            assertThat(new String(reply.getData(), StandardCharsets.UTF_8)).isEqualTo("pong");
        }
    }

    @Test
    void bindsTheNoAuthUserOnAPingSentBeforeConnectSoTheAuthTimeoutNeverFires() {
        var users = List.of(new User("guest", "unused", null));
        var auth = new AuthOptions(null, users, "guest", Permissions.ALL);
        try (var server = TestServers.start(options -> options.auth(auth).authTimeout(Duration.ofMillis(100)));
                var client = new RawClient(server)) {
            client.readLine(WAIT);

            client.sync();
            client.clear();

            assertThat(client.awaitClosedByServer(Duration.ofMillis(500))).isFalse();
            assertThat(client.sync()).isEqualTo("PONG\r\n");
            assertThat(server.connections(false).getFirst().authorizedUser()).isEqualTo("guest");
        }
    }

    @Test
    void treatsEmptyCredentialsAsNoCredentials() {
        var users = List.of(new User("guest", "unused", null));
        var auth = new AuthOptions(null, users, "guest", Permissions.ALL);
        try (var server = TestServers.start(options -> options.auth(auth));
                var client = RawClient.connected(server, "{\"verbose\":false,\"user\":\"\",\"pass\":\"\"}")) {
            assertThat(client.sync()).isEqualTo("PONG\r\n");
            assertThat(server.connections(false).getFirst().authorizedUser()).isEqualTo("guest");
        }
    }

    @Test
    void treatsClientsWithoutCredentialsAsTheNoAuthUser() throws Exception {
        var guestPermissions =
                new Permissions(new SubjectPermission(List.of("public.>"), List.of()), SubjectPermission.ANY, null);
        var users = List.of(new User("guest", "unused", guestPermissions), new User("admin", "pw", null));
        var auth = new AuthOptions(null, users, "guest", Permissions.ALL);
        var errors = new CopyOnWriteArrayList<String>();
        try (var server = TestServers.start(options -> options.auth(auth));
                var guest = Nats.connect(
                        options(server).errorListener(recorder(errors)).build())) {
            guest.publish("private.data", new byte[1]);
            guest.flush(WAIT);

            await().atMost(WAIT).untilAsserted(() -> assertThat(errors)
                    .containsExactly("Permissions Violation for Publish to \"private.data\""));
            assertThat(server.connections(false).getFirst().authorizedUser()).isEqualTo("guest");
        }
    }

    private static Options.Builder options(NatsServer server) {
        return new Options.Builder().server(server.clientUrl()).maxReconnects(0).connectionTimeout(WAIT);
    }

    private static ErrorListener recorder(List<String> errors) {
        return new ErrorListener() {
            @Override
            public void errorOccurred(Connection conn, String error) {
                errors.add(error);
            }
        };
    }
}
