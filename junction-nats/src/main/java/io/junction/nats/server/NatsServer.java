package io.junction.nats.server;

import io.junction.nats.auth.Authenticator;
import io.junction.nats.subject.SubjectIndex;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.timeout.WriteTimeoutHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The NATS server: accepts client connections and routes their messages through one subject index.
 *
 * <p>{@link #start} binds the client port and returns; {@link #close} stops accepting, flushes what every client is
 * owed and closes them. Thread-safe.
 */
public final class NatsServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NatsServer.class);
    private static final int MAX_CLOSED_CONNECTIONS = 10_000;

    private final ServerOptions options;
    private final String serverId = newServerId();
    private final String serverName;
    private final SubjectIndex<Subscription> index = new SubjectIndex<>();
    private final Authenticator authenticator;
    private final Counters counters = new Counters();
    private final ConcurrentHashMap<Long, ClientConnection> clients = new ConcurrentHashMap<>();
    private final Deque<ConnectionInfo> closedConnections = new ArrayDeque<>();
    private final AtomicLong nextClientId = new AtomicLong();
    private final List<AutoCloseable> companions = new ArrayList<>();
    private final Instant startTime = Instant.now();
    private EventLoopGroup bossGroup;
    private EventLoopGroup workerGroup;
    private Channel serverChannel;
    private ServerInfoFactory infoFactory;
    private Path portsFile;
    private int port;
    private volatile boolean running;
    private volatile boolean servesJetStream;
    private volatile java.util.function.Function<JszOptions, com.fasterxml.jackson.databind.JsonNode> jetStreamReport;
    private volatile List<SubjectMapping> mappings = List.of();

    public NatsServer(ServerOptions options) {
        this.options = options;
        this.serverName = options.serverName() != null ? options.serverName() : serverId;
        this.authenticator = new Authenticator(options.auth());
    }

    /**
     * Binds the client port and starts accepting connections.
     *
     * @throws UncheckedIOException when the port cannot be bound
     */
    public synchronized void start() {
        LOG.info(
                "Starting junction {} (nats-server {} protocol)",
                ServerInfoFactory.JUNCTION_VERSION,
                ServerInfoFactory.NATS_VERSION);
        LOG.info("Server name: {}", serverName);
        LOG.info("Server id: {}", serverId);
        warnAboutUnservedOptions();

        var epoll = Epoll.isAvailable();
        IoHandlerFactory ioHandler = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> channelType =
                epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        bossGroup = new MultiThreadIoEventLoopGroup(1, ioHandler);
        workerGroup = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(), ioHandler);
        var bootstrap = new ServerBootstrap()
                .group(bossGroup, workerGroup)
                .channel(channelType)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(
                        ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark((int) Math.min(Integer.MAX_VALUE, options.maxPending() / 4), (int)
                                Math.min(Integer.MAX_VALUE, options.maxPending() / 2)))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        counters.totalConnections.increment();
                        var cid = nextClientId.incrementAndGet();
                        channel.pipeline()
                                .addLast(new WriteTimeoutHandler(
                                        options.writeDeadline().toNanos(), TimeUnit.NANOSECONDS))
                                .addLast(new ClientConnection(NatsServer.this, cid));
                    }
                });
        var bindPort = options.port() == ServerOptions.RANDOM_PORT ? 0 : options.port();
        try {
            serverChannel = bootstrap
                    .bind(options.host(), bindPort)
                    .syncUninterruptibly()
                    .channel();
        } catch (Exception e) {
            shutdownEventLoops();
            throw new UncheckedIOException(
                    new IOException("cannot listen on " + options.host() + ":" + bindPort + ": " + e.getMessage(), e));
        }
        port = ((InetSocketAddress) serverChannel.localAddress()).getPort();
        infoFactory =
                new ServerInfoFactory(serverId, serverName, options, port, authenticator.isRequired(), servesJetStream);
        running = true;
        // Accepting starts only now, so no connection ever sees the server half started.
        serverChannel.config().setAutoRead(true);
        LOG.info("Listening for client connections on {}:{}", options.host(), port);
    }

    /**
     * Announces JetStream in the INFO clients receive; called by JetStream before {@link #start}, after it has
     * subscribed to its API.
     */
    public void announceJetStream() {
        servesJetStream = true;
    }

    public boolean servesJetStream() {
        return servesJetStream;
    }

    /**
     * Maps what clients publish on {@code source} to {@code destination} before it is routed, as an account's subject
     * mapping does in nats-server: permissions are checked on, and subscribers see, the destination, and a publish
     * from inside the server is not mapped. Either a literal subject to another, or {@code a.>} to {@code b.>}
     * (the tokens after the prefix are kept). A subject the first mapping matches is mapped once. From any thread.
     *
     * @throws IllegalArgumentException for any other form
     */
    public synchronized void addMapping(String source, String destination) {
        var all = new ArrayList<>(mappings);
        all.add(new SubjectMapping(source, destination));
        mappings = List.copyOf(all);
    }

    /** The subject a client's publish on this one is routed to: mapped, or the same. */
    String mapped(String subject) {
        for (var mapping : mappings) {
            var destination = mapping.apply(subject);
            if (destination != null) {
                return destination;
            }
        }
        return subject;
    }

    /** Gives the monitor JetStream's {@code /jsz} report, built on request. */
    public void reportJetStream(
            java.util.function.Function<JszOptions, com.fasterxml.jackson.databind.JsonNode> report) {
        jetStreamReport = report;
    }

    /** JetStream's {@code /jsz} report with the details asked for, or null when JetStream does not run. */
    public com.fasterxml.jackson.databind.JsonNode jetStreamReport(JszOptions options) {
        var report = jetStreamReport;
        return report == null ? null : report.apply(options);
    }

    /** Registers something to start with the server's lifetime and close before it, such as the monitor. */
    public synchronized void addCompanion(AutoCloseable companion) {
        companions.add(companion);
    }

    /** Writes nats-server's ports file, {@code <name>_<pid>.ports}, when a directory was configured. */
    public synchronized void writePortsFile(String executableName, List<String> monitoringUrls) {
        if (options.portsFileDir() == null) {
            return;
        }
        var file = options.portsFileDir()
                .resolve(executableName + "_" + ProcessHandle.current().pid() + ".ports");
        var json = new StringBuilder("{\"nats\":[\"").append(clientUrl()).append("\"]");
        if (!monitoringUrls.isEmpty()) {
            json.append(",\"monitoring\":[\"")
                    .append(String.join("\",\"", monitoringUrls))
                    .append("\"]");
        }
        json.append('}');
        try {
            Files.createDirectories(options.portsFileDir());
            Files.writeString(file, json, StandardCharsets.UTF_8);
            portsFile = file;
        } catch (IOException e) {
            LOG.error("cannot write the ports file {}: {}", file, e.getMessage());
        }
    }

    /** Stops accepting, flushes what each client is owed, closes every connection and the companions. */
    @Override
    public synchronized void close() {
        if (!running) {
            return;
        }
        running = false;
        LOG.info("Initiating Shutdown...");
        for (var companion : companions.reversed()) {
            try {
                companion.close();
            } catch (Exception e) {
                LOG.warn("error closing {}", companion, e);
            }
        }
        serverChannel.close().syncUninterruptibly();
        var closing = new ArrayList<ChannelFuture>(clients.size());
        for (var client : clients.values()) {
            closing.add(client.closeFuture());
            client.close(ClosedReason.SERVER_SHUTDOWN);
        }
        awaitFlushed(closing);
        shutdownEventLoops();
        if (portsFile != null) {
            try {
                Files.deleteIfExists(portsFile);
            } catch (IOException e) {
                LOG.debug("cannot remove the ports file {}: {}", portsFile, e.getMessage());
            }
        }
        LOG.info("Server Exiting..");
    }

    public int port() {
        return port;
    }

    /** The URL clients connect to, with a loopback host when bound to every interface. */
    public String clientUrl() {
        var host = options.host();
        if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            host = "127.0.0.1";
        }
        return "nats://" + host + ":" + port;
    }

    public boolean isRunning() {
        return running;
    }

    public ServerOptions options() {
        return options;
    }

    public String serverId() {
        return serverId;
    }

    public String serverName() {
        return serverName;
    }

    public Instant startTime() {
        return startTime;
    }

    public SubjectIndex<Subscription> index() {
        return index;
    }

    /** The INFO a client would be sent, without its client fields. */
    public String infoJson() {
        return infoFactory.json();
    }

    public ServerStats stats() {
        var inMsgs = counters.inMsgs.sum();
        var inBytes = counters.inBytes.sum();
        var outMsgs = counters.outMsgs.sum();
        var outBytes = counters.outBytes.sum();
        for (var client : clients.values()) {
            var info = client.info(false);
            inMsgs += info.inMsgs();
            inBytes += info.inBytes();
            outMsgs += info.outMsgs();
            outBytes += info.outBytes();
        }
        return new ServerStats(
                inMsgs,
                inBytes,
                outMsgs,
                outBytes,
                counters.slowConsumers.sum(),
                counters.totalConnections.sum(),
                clients.size(),
                index.count());
    }

    /** Snapshots of the open connections, in connection id order. */
    public List<ConnectionInfo> connections(boolean withSubscriptions) {
        var result = new ArrayList<ConnectionInfo>(clients.size());
        for (var client : clients.values()) {
            result.add(client.info(withSubscriptions));
        }
        result.sort((a, b) -> Long.compare(a.cid(), b.cid()));
        return result;
    }

    /** Snapshots of the open connections' subscriptions with their sids and delivery counts, in connection id order. */
    public List<SubscriptionDetail> subscriptionDetails() {
        var result = new ArrayList<SubscriptionDetail>();
        for (var client : clients.values()) {
            for (var subscription : client.subscriptions()) {
                result.add(SubscriptionDetail.of(client.cid(), subscription));
            }
        }
        result.sort(Comparator.comparingLong(SubscriptionDetail::cid));
        return result;
    }

    /** The most recently closed connections, oldest first, at most ten thousand. */
    public List<ConnectionInfo> closedConnections() {
        synchronized (closedConnections) {
            return List.copyOf(closedConnections);
        }
    }

    /**
     * Subscribes inside the server; the handler runs on publishers' threads and must not block.
     *
     * @param queue the queue group, or null
     * @throws IllegalArgumentException when the subject is not a valid subscription subject
     */
    public InternalSubscription subscribe(String subject, String queue, MessageHandler handler) {
        return subscribe(subject, queue, matched -> true, handler);
    }

    /**
     * Subscribes inside the server, passing over the subjects {@code accepts} refuses: those are not delivered, and a
     * request that reaches no other subscriber gets the no-responders status. JetStream's API takes {@code $JS.API.>}
     * this way, as nats-server's import of it passes over direct gets and pull requests.
     *
     * @param accepts called on publishers' threads for each matching subject; must be cheap and must not block
     */
    public InternalSubscription subscribe(
            String subject, String queue, Predicate<String> accepts, MessageHandler handler) {
        var receiver = new InternalReceiver(this, accepts, handler);
        var subscription = new Subscription(receiver, subject, queue, "internal");
        if (!index.insert(subscription)) {
            throw new IllegalArgumentException("invalid subject: " + subject);
        }
        return new InternalSubscription(this, subscription, receiver);
    }

    /**
     * Publishes from inside the server, from any thread; delivered as a client's publish would be.
     *
     * @param reply the reply subject, or null
     * @param headers the raw header block, or null
     * @return whether any subscription received it
     */
    public boolean publish(String subject, String reply, byte[] headers, byte[] payload) {
        return new InternalPublisher(this).publish(subject, subject, reply, headers, payload);
    }

    /**
     * Delivers to the subscribers of {@code deliverTo} a message that shows {@code subject}, as JetStream delivers
     * a stored message to a consumer's inbox under the subject it was published on. From any thread.
     *
     * @return whether any subscription received it
     */
    public boolean deliver(String deliverTo, String subject, String reply, byte[] headers, byte[] payload) {
        return new InternalPublisher(this).publish(deliverTo, subject, reply, headers, payload);
    }

    /** Whether any subscription would receive a message on this literal subject. */
    public boolean hasInterest(String subject) {
        return index.hasInterest(subject);
    }

    /**
     * Whether a push consumer delivering to this literal subject has a subscriber, as nats-server decides it: a plain
     * subscription to exactly that subject, or with a deliver group, a member of that queue group subscribed to
     * exactly that subject. A wildcard subscription or another group still receives what is published, but does not
     * make the consumer active.
     */
    public boolean hasDeliveryInterest(String subject, String group) {
        var result = index.match(subject);
        if (group == null || group.isEmpty()) {
            for (var subscription : result.plain()) {
                if (subscription.subject().equals(subject)) {
                    return true;
                }
            }
            return false;
        }
        for (var members : result.queueGroups()) {
            for (var member : members) {
                if (group.equals(member.queue()) && member.subject().equals(subject)) {
                    return true;
                }
            }
        }
        return false;
    }

    // For connections

    Authenticator authenticator() {
        return authenticator;
    }

    Counters counters() {
        return counters;
    }

    ServerInfoFactory infoFactory() {
        return infoFactory;
    }

    /** Admits a new connection; false when {@code max_connections} is reached. */
    boolean register(ClientConnection client) {
        if (!running || clients.size() >= options.maxConnections()) {
            return false;
        }
        clients.put(client.cid(), client);
        return true;
    }

    void unregister(ClientConnection client) {
        if (clients.remove(client.cid()) == null) {
            return;
        }
        var info = client.info(true);
        counters.addClosed(info);
        synchronized (closedConnections) {
            if (closedConnections.size() >= MAX_CLOSED_CONNECTIONS) {
                closedConnections.removeFirst();
            }
            closedConnections.addLast(info);
        }
    }

    private void warnAboutUnservedOptions() {
        if (options.maxPayload() > 8 * 1024 * 1024) {
            LOG.warn("Maximum payloads over 8.00 MB are generally discouraged and could lead to poor performance");
        }
        if (options.cluster() != null) {
            LOG.warn(
                    "cluster block for cluster {} on port {} is read but clustering is not supported yet; "
                            + "starting standalone",
                    options.cluster().name(),
                    options.cluster().port());
        }
        if (options.jetStream().enabled() && !servesJetStream) {
            LOG.warn("JetStream is enabled in the options but not running; clients see a server without JetStream");
        }
    }

    /**
     * Waits until every closing connection has written what it was owed and closed, or its write deadline has
     * passed: stopping the event loops sooner would drop the bytes still queued for the clients.
     */
    private void awaitFlushed(List<ChannelFuture> closing) {
        var deadline = System.nanoTime() + options.writeDeadline().toNanos() + TimeUnit.SECONDS.toNanos(1);
        for (var future : closing) {
            if (future.channel().eventLoop().inEventLoop()) {
                continue;
            }
            var remaining = deadline - System.nanoTime();
            if (remaining <= 0 || !future.awaitUninterruptibly(remaining, TimeUnit.NANOSECONDS)) {
                LOG.debug("connections still writing at shutdown are closed with bytes unsent");
                return;
            }
        }
    }

    private void shutdownEventLoops() {
        if (bossGroup != null) {
            bossGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
        if (workerGroup != null) {
            workerGroup.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static String newServerId() {
        var alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var random = new SecureRandom();
        var id = new StringBuilder("N");
        while (id.length() < 56) {
            id.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return id.toString();
    }
}
