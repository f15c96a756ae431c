package io.junction.nats.monitor;

import io.junction.nats.server.NatsServer;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * nats-server's HTTP monitoring port for one {@link NatsServer}: {@code /varz}, {@code /connz}, {@code /subsz},
 * {@code /healthz}, {@code /routez}, {@code /leafz}, an index page at {@code /}, and Prometheus metrics at
 * {@code /metrics}, with nats-server's field names, query parameters and error texts.
 *
 * <h2>Threading</h2>
 * One event loop thread of its own serves every request, one at a time, so building a large {@code /connz} never
 * delays client traffic. Endpoints read snapshots from the server without stopping it, so counters in one response
 * may be a moment apart.
 *
 * <h2>Lifecycle</h2>
 * {@link #start} binds and registers the monitor as a companion of the server, which closes it first on shutdown;
 * closing it directly is also fine and idempotent.
 */
public final class MonitorServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MonitorServer.class);
    private static final int MAX_REQUEST_BYTES = 64 * 1024;

    private final NatsServer server;
    private final HttpRequestStats requestStats = new HttpRequestStats();
    private final ProcessUsage usage = new ProcessUsage();
    private final MetricsEndpoint metrics;
    private final EventLoopGroup group =
            new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("junction-monitor"), NioIoHandler.newFactory());
    private Channel channel;
    private volatile int port;
    private boolean closed;

    private MonitorServer(NatsServer server) {
        this.server = server;
        this.metrics = new MetricsEndpoint(server, usage);
    }

    /**
     * Starts monitoring on the server's {@code httpHost:httpPort}, a random free port when that is -1, and logs
     * where as nats-server does. Call it after {@link NatsServer#start}.
     *
     * @throws IllegalArgumentException when the server's options turn monitoring off (port 0)
     * @throws UncheckedIOException when the port cannot be bound, with nats-server's text
     */
    public static MonitorServer start(NatsServer server) {
        if (server.options().httpPort() == 0) {
            throw new IllegalArgumentException("monitoring is off: the http port is 0");
        }
        var monitor = new MonitorServer(server);
        try {
            monitor.bind();
        } catch (Exception e) {
            monitor.close();
            var cause = e instanceof IOException io ? io : new IOException(e);
            throw new UncheckedIOException("can't listen to the monitor port: " + e.getMessage(), cause);
        }
        server.addCompanion(monitor);
        LOG.info("Starting http monitor on {}", joinHostPort(server.options().httpHost(), monitor.port()));

        return monitor;
    }

    /** The port bound, which differs from the configured one when that was -1. */
    public int port() {
        return port;
    }

    /** The URL to reach the monitor at, with a loopback host when bound to every interface. */
    public String url() {
        var host = server.options().httpHost();
        var reachable = isWildcard(host) ? "127.0.0.1" : host;
        return "http://" + joinHostPort(reachable, port());
    }

    /** The URLs for nats-server's ports file. */
    public List<String> urls() {
        return List.of(url());
    }

    /** Stops listening and serving; requests in flight are cut short. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (channel != null) {
            channel.close().syncUninterruptibly();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        metrics.close();
    }

    private synchronized void bind() {
        var handler = new MonitorHandler(routes(), requestStats);
        var configured = server.options().httpPort();
        channel = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline()
                                .addLast(new HttpServerCodec())
                                .addLast(new HttpServerKeepAliveHandler())
                                .addLast(new HttpObjectAggregator(MAX_REQUEST_BYTES))
                                .addLast(handler);
                    }
                })
                .bind(server.options().httpHost(), configured == -1 ? 0 : configured)
                .syncUninterruptibly()
                .channel();
        port = ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** nats-server's paths; {@code /subscriptionsz} is its old name for {@code /subsz} and counts as that. */
    private Map<String, MonitorHandler.Route> routes() {
        var subsz = new SubszEndpoint(server);
        var topology = new TopologyEndpoints(server);
        return Map.of(
                "/", route("/", new RootPage()),
                "/varz", route("/varz", new VarzEndpoint(server, requestStats, usage, this::port)),
                "/connz", route("/connz", new ConnzEndpoint(server)),
                "/subsz", route("/subsz", subsz),
                "/subscriptionsz", route("/subsz", subsz),
                "/routez", route("/routez", topology::routez),
                "/leafz", route("/leafz", topology::leafz),
                "/healthz", route("/healthz", new HealthzEndpoint(server)),
                "/jsz", route("/jsz", new JszEndpoint(server)),
                "/metrics", route("/metrics", metrics));
    }

    private static MonitorHandler.Route route(String statsName, Endpoint endpoint) {
        return new MonitorHandler.Route(statsName, endpoint);
    }

    @Override
    public String toString() {
        return "MonitorServer[" + url() + "]";
    }

    private static boolean isWildcard(String host) {
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]") || host.isEmpty();
    }

    private static String joinHostPort(String host, int port) {
        return (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }
}
