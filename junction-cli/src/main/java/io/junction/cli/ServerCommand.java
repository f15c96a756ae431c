package io.junction.cli;

import io.junction.jetstream.JetStream;
import io.junction.jetstream.JetStreamConfig;
import io.junction.nats.auth.AuthOptions;
import io.junction.nats.auth.Permissions;
import io.junction.nats.auth.User;
import io.junction.nats.config.ConfigException;
import io.junction.nats.config.ConfigLoader;
import io.junction.nats.monitor.MonitorServer;
import io.junction.nats.server.NatsServer;
import io.junction.nats.server.ServerOptions;
import io.junction.temporal.TemporalServer;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code junction server}: runs the server with nats-server's command-line flags. */
@Command(
        name = "server",
        sortOptions = false,
        versionProvider = VersionProvider.class,
        description = "Runs the Junction server (NATS protocol on 4222, Temporal on 7233 by default).")
final class ServerCommand implements Callable<Integer> {
    static final Path DEFAULT_STORE_DIR = Path.of("data");

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this message")
    boolean help;

    @Option(
            names = {"-v", "--version"},
            versionHelp = true,
            description = "Show version")
    boolean version;

    @Option(
            names = {"-a", "--addr", "--net"},
            paramLabel = "<host>",
            description = "Bind to host address (default: 0.0.0.0)")
    String host;

    @Option(
            names = {"-p", "--port"},
            paramLabel = "<port>",
            description = "Use port for clients (default: 4222; -1 picks a random port)")
    Integer port;

    @Option(
            names = {"-n", "--name", "--server_name"},
            paramLabel = "<name>",
            description = "Server name (default: the server id)")
    String name;

    @Option(
            names = {"-m", "--http_port"},
            paramLabel = "<port>",
            description = "Use port for HTTP monitoring (off unless given)")
    Integer httpPort;

    @Option(
            names = {"-c", "--config"},
            paramLabel = "<file>",
            description = "Configuration file")
    Path config;

    @Option(
            names = {"-t"},
            description = "Test the configuration and exit")
    boolean testConfig;

    @Option(names = "--user", paramLabel = "<user>", description = "User required for connections")
    String user;

    @Option(names = "--pass", paramLabel = "<password>", description = "Password required for connections")
    String password;

    @Option(names = "--auth", paramLabel = "<token>", description = "Authorization token required for connections")
    String token;

    @Option(
            names = {"-D", "--debug"},
            description = "Enable debugging output")
    boolean debug;

    @Option(
            names = {"-V", "--trace"},
            description = "Trace the raw protocol")
    boolean trace;

    @Option(
            names = {"-DV", "-VD"},
            description = "Debug and trace")
    boolean debugAndTrace;

    @Option(
            names = {"-VV", "-DVV"},
            hidden = true,
            description = "Verbose trace (as -DV)")
    boolean verboseTrace;

    @Option(
            names = {"-l", "--log"},
            paramLabel = "<file>",
            description = "File to redirect log output")
    Path logFile;

    @Option(
            names = "--ports_file_dir",
            paramLabel = "<dir>",
            description = "Creates a ports file in the specified directory (<executable>_<pid>.ports)")
    Path portsFileDir;

    @Option(
            names = {"-js", "--jetstream"},
            description = "Enable JetStream (on by default unless the configuration disables it)")
    boolean jetStream;

    @Option(
            names = {"-sd", "--store_dir"},
            paramLabel = "<dir>",
            description = "Set the storage directory (default: ./data)")
    Path storeDir;

    @Option(
            names = "--temporal_port",
            paramLabel = "<port>",
            description = "Serve Temporal's WorkflowService on this port (default: 7233; 0 turns Temporal off)")
    Integer temporalPort;

    @Option(
            names = "--temporal_host",
            paramLabel = "<host>",
            description = "Bind Temporal to host address (default: the -a address)")
    String temporalHost;

    @Option(
            names = "--temporal_db",
            paramLabel = "<jdbc-url>",
            description = "Workflow database, jdbc:sqlite:<file> or jdbc:postgresql://host/db "
                    + "(default: jdbc:sqlite:<store dir>/temporal.db)")
    String temporalDb;

    @Override
    public Integer call() throws InterruptedException {
        ServerOptions options;
        TemporalSettings temporalSettings;
        try {
            options = options();
            temporalSettings = TemporalSettings.of(options);
        } catch (ConfigException e) {
            Logging.configure(false, false, null);
            Logging.error(e.getMessage());
            return 1;
        }
        if (testConfig) {
            Logging.configure(false, false, null);
            Logging.info("configuration file " + config + " is valid");
            return 0;
        }
        Logging.configure(options.debug(), options.trace(), options.logFile());

        // JetStream first: its check of the store directory gives nats-server's reason when the directory is unusable,
        // and the Temporal database by default lives in that directory too
        var server = new NatsServer(options);
        JetStream jetStream = null;
        if (options.jetStream().enabled()) {
            jetStream = new JetStream(server, jetStreamConfig(options.jetStream()));
            try {
                jetStream.start();
            } catch (RuntimeException e) {
                Logging.error("Can't start JetStream: " + e.getMessage());
                return 1;
            }
        }
        TemporalServer temporal = null;
        if (temporalSettings.enabled()) {
            try {
                temporal = temporalSettings.start();
            } catch (IOException | RuntimeException e) {
                Logging.error("could not start Temporal: " + describe(e));
                if (jetStream != null) {
                    jetStream.close();
                }
                return 1;
            }
        }
        if (temporal != null) {
            server.addCompanion(temporal);
        }
        if (jetStream != null) {
            server.addCompanion(jetStream);
        }
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            server.close();
                            stopped.countDown();
                        },
                        "junction-shutdown"));
        try {
            server.start();
            var monitoringUrls = options.httpPort() == 0
                    ? List.<String>of()
                    : MonitorServer.start(server).urls();
            server.writePortsFile(System.getProperty("junction.executable", "junction"), monitoringUrls);
            Logging.info("Server is ready");
        } catch (RuntimeException | LinkageError e) {
            // A half-started server must not keep serving: close the listener and its companions, then exit.
            Logging.error("could not start the server: " + e);
            server.close();
            return 1;
        }
        stopped.await();
        return 0;
    }

    /** A failure in one line: a file system error gets its reason beside the path, which is all its message says. */
    private static String describe(Exception e) {
        if (!(e instanceof FileSystemException fs)) {
            return e.getMessage();
        }
        var reason =
                switch (fs) {
                    case NoSuchFileException missing -> "no such file or directory";
                    case AccessDeniedException denied -> "permission denied";
                    case FileAlreadyExistsException exists -> "file exists";
                    case NotDirectoryException notDirectory -> "not a directory";
                    default ->
                        fs.getReason() != null ? fs.getReason() : fs.getClass().getSimpleName();
                };
        return fs.getFile() + ": " + reason;
    }

    private static JetStreamConfig jetStreamConfig(ServerOptions.JetStreamOptions options) {
        var storeDir = options.storeDir() != null ? options.storeDir() : DEFAULT_STORE_DIR;
        return new JetStreamConfig(
                storeDir, options.maxMemory(), options.maxStore(), options.syncInterval(), options.domain());
    }

    ServerOptions options() {
        var builder = config == null ? ServerOptions.builder() : ConfigLoader.load(config);
        if (config != null) {
            builder.configFile(config);
        }
        if (host != null) {
            builder.host(host);
        }
        if (port != null) {
            builder.port(port);
        }
        if (name != null) {
            builder.serverName(name);
        }
        if (httpPort != null) {
            builder.httpPort(httpPort);
        }
        if (debug || debugAndTrace || verboseTrace) {
            builder.debug(true);
        }
        if (trace || debugAndTrace || verboseTrace) {
            builder.trace(true);
        }
        if (logFile != null) {
            builder.logFile(logFile);
        }
        if (portsFileDir != null) {
            builder.portsFileDir(portsFileDir);
        }
        applyJetStream(builder);
        applyTemporal(builder);
        applyAuth(builder);
        return builder.build();
    }

    private void applyTemporal(ServerOptions.Builder builder) {
        var current = builder.temporal();
        builder.temporal(new ServerOptions.TemporalOptions(
                temporalHost != null ? temporalHost : current.host(),
                temporalPort != null ? temporalPort : current.port(),
                temporalDb != null ? temporalDb : current.db()));
    }

    /**
     * JetStream is on unless the configuration file turned it off, and then only {@code -js} turns it back on:
     * {@code -sd} sets the directory and nothing else, as in nats-server.
     */
    private void applyJetStream(ServerOptions.Builder builder) {
        var current = builder.jetStream();
        var dir = storeDir != null ? storeDir : current.storeDir();
        var enabled = jetStream || !current.turnedOff();
        builder.jetStream(new ServerOptions.JetStreamOptions(
                enabled,
                dir,
                current.maxMemory(),
                current.maxStore(),
                !enabled,
                current.syncInterval(),
                current.domain()));
    }

    private void applyAuth(ServerOptions.Builder builder) {
        if (token != null) {
            builder.auth(new AuthOptions(token, List.of(), null, Permissions.ALL));
        }
        if (user != null) {
            var single = new User(user, password == null ? "" : password, null);
            builder.auth(
                    new AuthOptions(null, List.of(single), null, builder.auth().defaultPermissions()));
        }
    }
}
