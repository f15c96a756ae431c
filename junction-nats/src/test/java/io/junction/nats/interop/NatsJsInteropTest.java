package io.junction.nats.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.junction.nats.auth.AuthOptions;
import io.junction.nats.auth.Permissions;
import io.junction.nats.auth.SubjectPermission;
import io.junction.nats.auth.User;
import io.junction.nats.server.ConnectionInfo;
import io.junction.nats.server.NatsServer;
import io.junction.nats.server.ServerOptions;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The core protocol seen through a second, independent client: nats.js under Node, one scenario script per test,
 * each against its own server configured as the scenario expects. The scenarios live in
 * {@code test-clients/node/scenarios}; each prints its checks and fails on the first that does not hold.
 */
@Timeout(90)
class NatsJsInteropTest {
    private static final String AUTHENTICATION_FAILURE = "Authentication Failure";

    private NatsServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void deliversPayloadsByteForByteAcrossConnections() throws Exception {
        assertPasses("pubsub", startServer(ServerOptions.builder()));
    }

    @Test
    void routesToWildcardSubscriptionsOnlyTheSubjectsTheyMatch() throws Exception {
        assertPasses("wildcards", startServer(ServerOptions.builder()));
    }

    @Test
    void deliversEachMessageToExactlyOneMemberOfEachQueueGroup() throws Exception {
        assertPasses("queue", startServer(ServerOptions.builder()));
    }

    @Test
    void routesRequestsToOneResponderAndRepliesBackToTheRequester() throws Exception {
        assertPasses("request", startServer(ServerOptions.builder()));
    }

    @Test
    void carriesMultiValueAndMixedCaseHeadersUnchanged() throws Exception {
        assertPasses("headers", startServer(ServerOptions.builder()));
    }

    @Test
    void failsRequestsFastWithNoRespondersWhenNobodySubscribes() throws Exception {
        assertPasses("no-responders", startServer(ServerOptions.builder()));
    }

    @Test
    void withholdsOwnMessagesFromConnectionWithEchoOff() throws Exception {
        assertPasses("no-echo", startServer(ServerOptions.builder()));
    }

    @Test
    void stopsDeliveringOnceAutoUnsubscribeLimitIsReached() throws Exception {
        assertPasses("auto-unsubscribe", startServer(ServerOptions.builder()));
    }

    @Test
    void drainsSubscriptionsAndConnectionsWithoutLosingMessages() throws Exception {
        assertPasses("drain", startServer(ServerOptions.builder()));
    }

    @Test
    void acceptsTheConfiguredTokenAndRefusesAnyOther() throws Exception {
        var auth = new AuthOptions("s3cret-token", List.of(), null, null);

        assertPasses("auth-token", startServer(ServerOptions.builder().auth(auth)));

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(closedReasons())
                .containsExactlyInAnyOrder(
                        "Client Closed", AUTHENTICATION_FAILURE, AUTHENTICATION_FAILURE, AUTHENTICATION_FAILURE));
    }

    @Test
    void acceptsConfiguredUsersAndRefusesWrongPasswordsAndUnknownUsers() throws Exception {
        var bobHash = BCrypt.withDefaults().hashToString(4, "bob-pw".toCharArray());
        var users = List.of(new User("alice", "alice-pw", null), new User("bob", bobHash, null));
        var auth = new AuthOptions(null, users, null, null);

        assertPasses("auth-user", startServer(ServerOptions.builder().auth(auth)));

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(server.closedConnections())
                    .extracting(ConnectionInfo::authorizedUser)
                    .filteredOn(Objects::nonNull)
                    .containsExactlyInAnyOrder("alice", "bob");
            assertThat(closedReasons())
                    .filteredOn(AUTHENTICATION_FAILURE::equals)
                    .hasSize(4);
        });
    }

    @Test
    void reportsPermissionViolationsOnPublishAndSubscribeAndKeepsTheConnection() throws Exception {
        assertPasses("permissions", startServer(ServerOptions.builder().auth(adminAndLimitedUsers())));
    }

    @Test
    void doesNotCountDeniedMessagesTowardsAutoUnsubscribeLimit() throws Exception {
        assertPasses(
                "denied-auto-unsubscribe", startServer(ServerOptions.builder().auth(adminAndLimitedUsers())));
    }

    @Test
    void scenarioFailsWhenTheServerLetsAWrongTokenIn() throws Exception {
        var url = startServer(ServerOptions.builder());

        var result = NatsJsScenario.run("auth-token", url);

        assertThat(result.passed()).as(result::transcript).isFalse();
        assertThat(result.exitCode()).as(result::transcript).isEqualTo(1);
        assertThat(result.stderr()).as(result::transcript).contains("a wrong token is refused: succeeded");
    }

    private String startServer(ServerOptions.Builder options) {
        server = new NatsServer(
                options.host("127.0.0.1").port(ServerOptions.RANDOM_PORT).build());
        server.start();
        return server.clientUrl();
    }

    /** The users the "permissions" scenarios expect: admin may do anything, limited is fenced in. */
    private static AuthOptions adminAndLimitedUsers() {
        var limited = new Permissions(
                new SubjectPermission(List.of("allowed.>"), List.of("allowed.secret")),
                new SubjectPermission(List.of("allowed.>", "jobs.* workers"), List.of("allowed.hidden")),
                null);
        var users = List.of(new User("admin", "admin-pw", null), new User("limited", "limited-pw", limited));

        return new AuthOptions(null, users, null, null);
    }

    private List<String> closedReasons() {
        return server.closedConnections().stream().map(ConnectionInfo::reason).toList();
    }

    private static void assertPasses(String scenario, String url) throws Exception {
        var result = NatsJsScenario.run(scenario, url);

        assertThat(result.passed()).as(result::transcript).isTrue();
    }
}
