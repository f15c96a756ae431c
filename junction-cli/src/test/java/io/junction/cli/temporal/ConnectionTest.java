package io.junction.cli.temporal;

import static io.junction.cli.temporal.WorkflowCommandsTest.assertOneErrorLine;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Where the commands connect: --address, TEMPORAL_ADDRESS, the default; and an unreachable server. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectionTest {
    private LiveTemporal temporal;
    private String deadAddress;

    @BeforeAll
    void start() throws IOException {
        temporal = new LiveTemporal();
        try (var socket = new ServerSocket(0)) {
            deadAddress = "127.0.0.1:" + socket.getLocalPort();
        }
    }

    @AfterAll
    void stop() throws Exception {
        temporal.close();
    }

    @Test
    void readsTheAddressFromTemporalAddress() {
        var run = new Cli(Map.of("TEMPORAL_ADDRESS", temporal.address())).run("junction temporal workflow count");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("Total: ");
    }

    @Test
    void theAddressFlagWinsOverTheEnvironmentBeforeOrAfterTheSubcommand() {
        var cli = new Cli(Map.of("TEMPORAL_ADDRESS", deadAddress));

        var after = cli.run("junction temporal workflow count --address " + temporal.address());
        var before = cli.run("junction temporal --address " + temporal.address() + " workflow count");

        assertThat(after.exitCode()).as(after.err()).isZero();
        assertThat(before.exitCode()).as(before.err()).isZero();
    }

    @Test
    void unreachableServerIsOneLineAndExitOne() {
        var run = new Cli(Map.of()).run("junction temporal workflow list --address " + deadAddress);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertOneErrorLine(run.err(), "Error: failed reaching server at " + deadAddress + ": ");
    }

    @Test
    void namespaceComesFromTheFlagOrTemporalNamespace() {
        var env = Map.of("TEMPORAL_ADDRESS", temporal.address(), "TEMPORAL_NAMESPACE", "nowhere");

        var fromEnvironment = new Cli(env).run("junction temporal workflow list");
        var fromFlag = new Cli(env).run("junction temporal workflow list -n default");

        assertThat(fromEnvironment.exitCode()).isEqualTo(1);
        assertOneErrorLine(fromEnvironment.err(), "Error: failed listing workflows: ");
        assertThat(fromEnvironment.err()).contains("nowhere");
        assertThat(fromFlag.exitCode()).as(fromFlag.err()).isZero();
    }

    @Test
    void missingRequiredFlagIsOneLineAndExitOne() {
        var run = new Cli(Map.of()).run("junction temporal workflow start --type OrderWorkflow");

        assertThat(run.exitCode()).isEqualTo(1);
        assertOneErrorLine(run.err(), "Error: Missing required option: '--task-queue=<queue>'");
        assertThat(run.err()).endsWith("(see junction temporal workflow start --help)\n");
    }

    @Test
    void aUsageMistakeIsOneLineThroughTheCommandLineMainBuilds() {
        var run = new Cli(Map.of()).run("junction temporal workflow start --type OrderWorkflow");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("Error: Missing required option").doesNotContain("Usage:");
    }

    @Test
    void badDurationIsOneLine() {
        var run = new Cli(Map.of()).run("junction temporal operator namespace create -n x --retention soon");

        assertThat(run.exitCode()).isEqualTo(1);
        assertOneErrorLine(run.err(), "Error: Invalid value for option '--retention': 'soon' is not a duration");
    }
}
