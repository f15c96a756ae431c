package io.junction.nats.server;

import io.junction.nats.auth.AuthOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything the NATS server is configured with, from {@code nats.conf} and the command line, with nats-server's
 * defaults. A port of {@code -1} means a random free port; an HTTP port of {@code 0} turns monitoring off. The
 * HTTP host is the client host unless set, as in nats-server.
 */
public record ServerOptions(
        String serverName,
        String host,
        int port,
        String httpHost,
        int httpPort,
        int maxPayload,
        int maxControlLine,
        long maxPending,
        int maxConnections,
        int maxSubscriptions,
        Duration pingInterval,
        int maxPingsOut,
        Duration writeDeadline,
        Duration authTimeout,
        AuthOptions auth,
        boolean debug,
        boolean trace,
        Path logFile,
        Path pidFile,
        Path portsFileDir,
        JetStreamOptions jetStream,
        ClusterOptions cluster,
        TemporalOptions temporal,
        Path configFile) {
    public static final int DEFAULT_PORT = 4222;
    public static final int RANDOM_PORT = -1;
    public static final int DEFAULT_MAX_PAYLOAD = 1024 * 1024;
    public static final int DEFAULT_MAX_CONTROL_LINE = 4096;
    public static final long DEFAULT_MAX_PENDING = 64L * 1024 * 1024;
    public static final int DEFAULT_MAX_CONNECTIONS = 64 * 1024;
    public static final Duration DEFAULT_PING_INTERVAL = Duration.ofMinutes(2);
    public static final int DEFAULT_MAX_PINGS_OUT = 2;
    public static final Duration DEFAULT_WRITE_DEADLINE = Duration.ofSeconds(10);
    public static final Duration DEFAULT_AUTH_TIMEOUT = Duration.ofSeconds(2);

    public static ServerOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * JetStream settings as nats-server reads them; {@code maxMemory} and {@code maxStore} of -1 mean no limit.
     * {@code turnedOff} records an explicit {@code jetstream: disabled}, which the {@code junction} command, where
     * JetStream is on by default, honours. {@code syncInterval} null means Junction's default, an fsync before every
     * publish ack; a duration asks for nats-server's looser behaviour, acks first and an fsync that often.
     * {@code domain} is the JetStream domain ({@code jetstream { domain }}), null for none.
     */
    public record JetStreamOptions(
            boolean enabled,
            Path storeDir,
            long maxMemory,
            long maxStore,
            boolean turnedOff,
            Duration syncInterval,
            String domain) {
        public static final JetStreamOptions DISABLED = new JetStreamOptions(false, null, -1, -1, false);

        public JetStreamOptions {
            domain = domain == null || domain.isEmpty() ? null : domain;
        }

        public JetStreamOptions(boolean enabled, Path storeDir, long maxMemory, long maxStore, boolean turnedOff) {
            this(enabled, storeDir, maxMemory, maxStore, turnedOff, null);
        }

        public JetStreamOptions(
                boolean enabled,
                Path storeDir,
                long maxMemory,
                long maxStore,
                boolean turnedOff,
                Duration syncInterval) {
            this(enabled, storeDir, maxMemory, maxStore, turnedOff, syncInterval, null);
        }
    }

    /**
     * Junction's Temporal service, from a {@code temporal {}} block: not a nats-server setting, and not acted on by
     * the NATS server; the {@code junction} command reads it. Null fields were not given; a port of 0 turns the
     * service off.
     */
    public record TemporalOptions(String host, Integer port, String db) {
        public static final TemporalOptions UNSET = new TemporalOptions(null, null, null);
    }

    /** A {@code cluster {}} block: read and reported, not acted on until clustering exists. */
    public record ClusterOptions(String name, String host, int port, List<String> routes) {
        public ClusterOptions {
            routes = List.copyOf(routes);
        }
    }

    /** Collects options from the config file and then the command line, later calls winning. */
    public static final class Builder {
        private String serverName;
        private String host = "0.0.0.0";
        private int port = DEFAULT_PORT;
        private String httpHost;
        private int httpPort;
        private int maxPayload = DEFAULT_MAX_PAYLOAD;
        private int maxControlLine = DEFAULT_MAX_CONTROL_LINE;
        private long maxPending = DEFAULT_MAX_PENDING;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private int maxSubscriptions;
        private Duration pingInterval = DEFAULT_PING_INTERVAL;
        private int maxPingsOut = DEFAULT_MAX_PINGS_OUT;
        private Duration writeDeadline = DEFAULT_WRITE_DEADLINE;
        private Duration authTimeout = DEFAULT_AUTH_TIMEOUT;
        private AuthOptions auth = AuthOptions.NONE;
        private boolean debug;
        private boolean trace;
        private Path logFile;
        private Path pidFile;
        private Path portsFileDir;
        private JetStreamOptions jetStream = JetStreamOptions.DISABLED;
        private ClusterOptions cluster;
        private TemporalOptions temporal = TemporalOptions.UNSET;
        private Path configFile;

        private Builder() {}

        private Builder(ServerOptions o) {
            serverName = o.serverName;
            host = o.host;
            port = o.port;
            httpHost = o.httpHost;
            httpPort = o.httpPort;
            maxPayload = o.maxPayload;
            maxControlLine = o.maxControlLine;
            maxPending = o.maxPending;
            maxConnections = o.maxConnections;
            maxSubscriptions = o.maxSubscriptions;
            pingInterval = o.pingInterval;
            maxPingsOut = o.maxPingsOut;
            writeDeadline = o.writeDeadline;
            authTimeout = o.authTimeout;
            auth = o.auth;
            debug = o.debug;
            trace = o.trace;
            logFile = o.logFile;
            pidFile = o.pidFile;
            portsFileDir = o.portsFileDir;
            jetStream = o.jetStream;
            cluster = o.cluster;
            temporal = o.temporal;
            configFile = o.configFile;
        }

        public Builder serverName(String value) {
            serverName = value;
            return this;
        }

        public Builder host(String value) {
            host = value;
            return this;
        }

        public Builder port(int value) {
            port = value;
            return this;
        }

        /** The monitoring host; null follows the client host. */
        public Builder httpHost(String value) {
            httpHost = value;
            return this;
        }

        public Builder httpPort(int value) {
            httpPort = value;
            return this;
        }

        public Builder maxPayload(int value) {
            maxPayload = value;
            return this;
        }

        public Builder maxControlLine(int value) {
            maxControlLine = value;
            return this;
        }

        public Builder maxPending(long value) {
            maxPending = value;
            return this;
        }

        public Builder maxConnections(int value) {
            maxConnections = value;
            return this;
        }

        public Builder maxSubscriptions(int value) {
            maxSubscriptions = value;
            return this;
        }

        public Builder pingInterval(Duration value) {
            pingInterval = value;
            return this;
        }

        public Builder maxPingsOut(int value) {
            maxPingsOut = value;
            return this;
        }

        public Builder writeDeadline(Duration value) {
            writeDeadline = value;
            return this;
        }

        public Builder authTimeout(Duration value) {
            authTimeout = value;
            return this;
        }

        public Builder auth(AuthOptions value) {
            auth = value;
            return this;
        }

        public Builder debug(boolean value) {
            debug = value;
            return this;
        }

        public Builder trace(boolean value) {
            trace = value;
            return this;
        }

        public Builder logFile(Path value) {
            logFile = value;
            return this;
        }

        /** Where nats-server writes its process id; read from the file, not written yet. */
        public Builder pidFile(Path value) {
            pidFile = value;
            return this;
        }

        public Builder portsFileDir(Path value) {
            portsFileDir = value;
            return this;
        }

        public Builder jetStream(JetStreamOptions value) {
            jetStream = value;
            return this;
        }

        public Builder cluster(ClusterOptions value) {
            cluster = value;
            return this;
        }

        public Builder temporal(TemporalOptions value) {
            temporal = value;
            return this;
        }

        public Builder configFile(Path value) {
            configFile = value;
            return this;
        }

        public AuthOptions auth() {
            return auth;
        }

        public JetStreamOptions jetStream() {
            return jetStream;
        }

        public TemporalOptions temporal() {
            return temporal;
        }

        /** The options; a limit or interval left at zero takes its default, as nats-server's baseline does. */
        public ServerOptions build() {
            return new ServerOptions(
                    serverName,
                    host,
                    port,
                    httpHost == null ? host : httpHost,
                    httpPort,
                    maxPayload == 0 ? DEFAULT_MAX_PAYLOAD : maxPayload,
                    maxControlLine == 0 ? DEFAULT_MAX_CONTROL_LINE : maxControlLine,
                    maxPending == 0 ? DEFAULT_MAX_PENDING : maxPending,
                    maxConnections == 0 ? DEFAULT_MAX_CONNECTIONS : maxConnections,
                    maxSubscriptions,
                    orDefault(pingInterval, DEFAULT_PING_INTERVAL),
                    maxPingsOut == 0 ? DEFAULT_MAX_PINGS_OUT : maxPingsOut,
                    orDefault(writeDeadline, DEFAULT_WRITE_DEADLINE),
                    orDefault(authTimeout, DEFAULT_AUTH_TIMEOUT),
                    auth,
                    debug,
                    trace,
                    logFile,
                    pidFile,
                    portsFileDir,
                    jetStream,
                    cluster,
                    temporal,
                    configFile);
        }

        private static Duration orDefault(Duration value, Duration fallback) {
            return value.isZero() ? fallback : value;
        }
    }
}
