package io.junction.nats.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.junction.nats.auth.AuthOptions;
import io.junction.nats.auth.Permissions;
import io.junction.nats.auth.ResponsePermission;
import io.junction.nats.auth.SubjectPermission;
import io.junction.nats.auth.User;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderAuthTest {
    @TempDir
    Path dir;

    @Test
    void readsAToken() {
        var options = ConfigFiles.load(dir, "authorization { token: s3cr3t, timeout: 0.5 }");

        assertThat(options.auth()).isEqualTo(new AuthOptions("s3cr3t", List.of(), null, Permissions.ALL));
        assertThat(options.authTimeout()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void readsASingleUserUnderEitherSpelling() {
        var options = ConfigFiles.load(dir, "authorization {\n  user: alice\n  pass: wonderland\n  timeout: 3\n}");

        assertThat(options.auth().users()).containsExactly(new User("alice", "wonderland", null));
        assertThat(options.authTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(ConfigFiles.load(dir, "authorization { username: bob, password: pw }")
                        .auth()
                        .users())
                .containsExactly(new User("bob", "pw", null));
    }

    @Test
    void readsUsersWithPermissionsInEveryForm() {
        var options = ConfigFiles.load(dir, """
                authorization {
                  ADMIN = { publish: ">", subscribe: ">" }
                  users = [
                    {user: admin, password: $2a$11$W2zko751KUvVy59mUTWmpOdWjpEm5qhcCZRd05GjI/sSOT.xtiHyG,
                     permissions: $ADMIN}
                    {user: client, password: pw, permissions: {
                      publish: [req.a, req.b]
                      subscribe: {allow: ["_INBOX.>", "updates.*"], deny: "updates.secret"}
                    }}
                    {user: service, password: pw, permissions: {
                      sub: "requests.> workers"
                      pub: {deny: ["admin.>"]}
                      allow_responses: {max: 5, expires: "1m"}
                    }}
                    {user: responder, password: pw, permissions: {allow_responses: true}}
                  ]
                }
                """);

        var users = options.auth().users();
        assertThat(users).extracting(User::username).containsExactly("admin", "client", "service", "responder");
        assertThat(users.get(0).password()).startsWith("$2a$11$");
        assertThat(users.get(0).permissions()).isEqualTo(new Permissions(allow(">"), allow(">"), null));
        assertThat(users.get(1).permissions())
                .isEqualTo(new Permissions(
                        allow("req.a", "req.b"),
                        new SubjectPermission(List.of("_INBOX.>", "updates.*"), List.of("updates.secret")),
                        null));
        assertThat(users.get(2).permissions())
                .isEqualTo(new Permissions(
                        new SubjectPermission(List.of(), List.of("admin.>", ">")),
                        allow("requests.> workers"),
                        new ResponsePermission(5, Duration.ofMinutes(1))));
        assertThat(users.get(3).permissions())
                .isEqualTo(new Permissions(
                        new SubjectPermission(List.of(), List.of(">")),
                        SubjectPermission.ANY,
                        ResponsePermission.defaults()));
    }

    @Test
    void givesDefaultPermissionsToUsersWithoutTheirOwn() {
        var options = ConfigFiles.load(dir, """
                authorization {
                  users: [
                    {user: a, password: pa}
                    {user: b, password: pb, permissions: {publish: b.>}}
                  ]
                  default_permissions: {publish: public.>, subscribe: public.>}
                }
                """);

        assertThat(options.auth().users())
                .containsExactly(
                        new User("a", "pa", new Permissions(allow("public.>"), allow("public.>"), null)),
                        new User("b", "pb", new Permissions(allow("b.>"), SubjectPermission.ANY, null)));
    }

    @Test
    void leavesTokenClientsUnrestrictedByDefaultPermissionsAsNatsServerDoes() {
        var options = ConfigFiles.load(
                dir, "authorization {\n  token: t\n  default_permissions = { publish = [\"a.>\"] }\n}");

        assertThat(options.auth().token()).isEqualTo("t");
        assertThat(options.auth().defaultPermissions()).isEqualTo(Permissions.ALL);
    }

    @Test
    void readsNoAuthUserThatNamesAUser() {
        var options =
                ConfigFiles.load(dir, "authorization { users: [{user: guest, password: g}] }\nno_auth_user: guest");

        assertThat(options.auth().noAuthUser()).isEqualTo("guest");
    }

    @Test
    void takesUsersFromAccountsSoThatTheyStillHaveToLogIn() {
        try (var logs = new LogCapture()) {
            var options = ConfigFiles.load(dir, """
                    accounts: {
                      SOURCE: {
                        jetstream: enabled
                        users: [ {user: src, password: spass} ]
                        exports [ { service: "$JS.API.>" } ]
                      },
                      TARGET: {
                        users: [ {user: tar, password: tpass} ]
                        default_permissions: { subscribe: "tar.>" }
                        imports [ { service: { account: SOURCE, subject: "$JS.API.>" }, to: tar.api.> } ]
                      }
                    }
                    no_auth_user: tar
                    """);

            assertThat(options.auth().users())
                    .containsExactly(
                            new User("src", "spass", null),
                            new User("tar", "tpass", new Permissions(SubjectPermission.ANY, allow("tar.>"), null)));
            assertThat(options.auth().noAuthUser()).isEqualTo("tar");
            assertThat(logs.messages(ch.qos.logback.classic.Level.WARN))
                    .anySatisfy(message -> assertThat(message).contains("accounts are not supported yet"));
        }
    }

    @Test
    void rejectsConflictingKindsOfAuthentication() {
        assertThatThrownBy(() -> ConfigFiles.load(dir, "authorization { user: a, password: b, token: c }"))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith("nats.conf:1:1: cannot have a user/pass and token");
        assertThatThrownBy(() -> ConfigFiles.load(dir, "authorization {\n  token: c\n  users: [{user: a}]\n}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith("nats.conf:1:1: can not have a token and a users array");
        assertThatThrownBy(() -> ConfigFiles.load(
                        dir, "authorization { token: t }\naccounts { A { users: [{user: a, password: b}] } }"))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith("nats.conf:2:16: can not have a token and accounts");
    }

    @Test
    void rejectsARepeatedUser() {
        assertThatThrownBy(() -> ConfigFiles.load(
                        dir, "authorization { users: [{user: a, password: x}, {user: a, password: y}] }"))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith("nats.conf:1:1: duplicate user \"a\" detected");
    }

    @Test
    void reportsAUserRepeatedInAnAccountAtThatAccountsUsers() {
        assertThatThrownBy(() -> ConfigFiles.load(
                        dir,
                        "authorization { users: [{user: a, password: x}] }\n"
                                + "accounts {\n  B {\n    users: [{user: a, password: y}]\n  }\n}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith("nats.conf:4:5: duplicate user \"a\" detected");
    }

    @Test
    void rejectsANoAuthUserThatIsNotAUser() {
        assertThatThrownBy(() ->
                        ConfigFiles.load(dir, "authorization { users: [{user: a, password: x}] }\nno_auth_user: ghost"))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith("nats.conf:2:1: no_auth_user: \"ghost\" not present as user in authorization "
                        + "block or account configuration");
        assertThatThrownBy(() -> ConfigFiles.load(dir, "no_auth_user: ghost"))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith("nats.conf:1:1: no_auth_user: \"ghost\" present, but users are not defined");
    }

    @Test
    void rejectsInvalidPermissionSubjectsAndFields() {
        assertThatThrownBy(() -> ConfigFiles.load(
                        dir, "authorization {\n  users: [{user: a, permissions: {publish: \"a..b\"}}]\n}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith("nats.conf:2:35: subject \"a..b\" is not a valid subject");
        assertThatThrownBy(() -> ConfigFiles.load(
                        dir, "authorization {\n  users: [{user: a, permissions: {publish: {allow: x, only: y}}}]\n}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith("nats.conf:2:55: unknown field name \"only\" parsing subject permissions, only "
                        + "'allow' or 'deny' are permitted");
        assertThatThrownBy(() -> ConfigFiles.load(
                        dir, "authorization {\n  users: [{user: a, permissions: {publish: [true]}}]\n}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith("nats.conf:2:45: subject in permissions array cannot be cast to string");
    }

    @Test
    void refusesToStartOpenWhenOnlyNkeyUsersAreConfigured() {
        var nkey = "UDXU4RCSJNZOIQHZNWXHXORDPRTGNJAHAHFRGZNEEJCPQTT2M7NLCNF4";

        assertThatThrownBy(() -> ConfigFiles.load(dir, "authorization { users: [{nkey: " + nkey + "}] }"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("only nkey users are configured and nkeys are not supported yet");
        assertThat(ConfigFiles.load(dir, "authorization { users: [{nkey: " + nkey + "}, {user: a, password: b}] }")
                        .auth()
                        .users())
                .extracting(User::username)
                .containsExactly("a");
    }

    @Test
    void refusesToStartOpenWhenTlsVerifyIsTheOnlyAuthentication() {
        assertThatThrownBy(() -> ConfigFiles.load(dir, "tls {\n  cert_file: a.pem\n  verify: true\n}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith("nats.conf:3:3: tls verify makes client certificates the credentials and they "
                        + "cannot be checked yet; Junction will not start without the authentication this file asks "
                        + "for");
        assertThat(ConfigFiles.load(dir, "tls { verify: true }\nauthorization { token: t }")
                        .auth()
                        .token())
                .isEqualTo("t");
    }

    @Test
    void refusesOperatorMode() {
        assertThatThrownBy(() -> ConfigFiles.load(dir, "operator: op.jwt\nresolver: MEMORY"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("nats.conf:1:1: 'operator': operator mode (JWT authentication) is not supported")
                .hasMessageContaining("nats.conf:2:1: 'resolver': operator mode");
    }

    private static SubjectPermission allow(String... subjects) {
        return new SubjectPermission(List.of(subjects), List.of());
    }
}
