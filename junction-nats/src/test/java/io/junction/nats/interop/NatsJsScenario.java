package io.junction.nats.interop;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one scenario of {@code test-clients/node/run.mjs}: the nats.js client, under Node, against a server URL.
 *
 * <p>Node and the npm packages are a precondition the tests insist on rather than skip: without them the tests fail
 * and say to run {@code ./test}, which installs the packages with {@code npm ci}. Public so that the JetStream
 * module's interop tests, which see this module's test classes, run their scenarios the same way.
 */
public final class NatsJsScenario {
    private static final Logger LOG = LoggerFactory.getLogger(NatsJsScenario.class);

    /** Longer than the script's own hard timeout, so the script's message wins; Node starts in well under this. */
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static final String HOW_TO_SET_UP =
            "run ./test from the repository root: it runs npm ci in test-clients/node (needs Node.js 18+ and npm)";

    private NatsJsScenario() {}

    /** The outcome of one run: exit code and everything the script printed. */
    public record Result(String scenario, int exitCode, String stdout, String stderr) {
        public boolean passed() {
            return exitCode == 0 && stdout.lines().anyMatch(line -> line.startsWith("PASS " + scenario + " ("));
        }

        public String transcript() {
            return "nats.js scenario " + scenario + " exited with " + exitCode + "\n--- stdout ---\n" + stdout
                    + "--- stderr ---\n" + stderr;
        }
    }

    /** Runs the scenario and waits for it; fails the test when Node or the packages are missing or it hangs. */
    public static Result run(String scenario, String url) throws IOException, InterruptedException {
        var clientDir = clientDir();
        var stdout = Files.createTempFile("nats-js-" + scenario, ".out");
        var stderr = Files.createTempFile("nats-js-" + scenario, ".err");
        try {
            var process = start(List.of("node", "run.mjs", scenario, url), clientDir, stdout, stderr);
            if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                fail("nats.js scenario " + scenario + " did not finish within " + TIMEOUT + "\n--- stdout ---\n"
                        + Files.readString(stdout) + "--- stderr ---\n" + Files.readString(stderr));
            }

            var result = new Result(
                    scenario,
                    process.exitValue(),
                    Files.readString(stdout, StandardCharsets.UTF_8),
                    Files.readString(stderr, StandardCharsets.UTF_8));
            LOG.info("scenario={} url={}\n{}", scenario, url, result.transcript());
            return result;
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }

    private static Process start(List<String> command, Path directory, Path stdout, Path stderr) {
        try {
            return new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile())
                    .start();
        } catch (IOException e) {
            return fail(
                    "cannot start node (" + e.getMessage() + "); install Node.js 18+ with npm (.ci/run does it with "
                            + "apt-get) so that node is on the PATH, then " + HOW_TO_SET_UP);
        }
    }

    /**
     * The client folder, found from the working directory upwards: Maven runs the tests in the module folder, an IDE
     * may run them from the repository root.
     */
    private static Path clientDir() {
        for (var dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            var candidate = dir.resolve("test-clients").resolve("node");
            if (Files.isRegularFile(candidate.resolve("run.mjs"))) {
                if (!Files.isRegularFile(candidate.resolve("node_modules/nats/package.json"))) {
                    fail("the nats.js package is not installed in " + candidate + "; " + HOW_TO_SET_UP);
                }
                return candidate;
            }
        }
        return fail("no test-clients/node/run.mjs above " + Path.of("").toAbsolutePath());
    }
}
