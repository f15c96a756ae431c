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
import java.util.LinkedHashMap;
import java.util.List;
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

    private final EventLoopGroup group;
    private final Channel channel;
    private final String host;
    private final MetricsEndpoint metrics;
    private boolean closed;

    private MonitorServer(EventLoopGroup group, Channel channel, String host, MetricsEndpoint metrics) {
        this.group = group;
        this.channel = channel;
        this.host = host;
        this.metrics = metrics;
    }

    /**
     * Starts monitoring on the server's {@code httpHost:httpPort}, a random free port when that is -1. Call it after
     * {@link NatsServer#start}.
     *
     * @throws IllegalArgumentException when the server's options turn monitoring off (port 0)
     * @throws UncheckedIOException when the port cannot be bound
     */
    public static MonitorServer start(NatsServer server) {
        var options = server.options();
        if (options.httpPort() == 0) {
            throw new IllegalArgumentException("monitoring is off: the http port is 0");
        }
        var port = options.httpPort() == -1 ? 0 : options.httpPort();
        var requestStats = new HttpRequestStats();
        var usage = new ProcessUsage();
        var metrics = new MetricsEndpoint(server, usage);
        var boundPort = new int[1];
        var routes = new LinkedHashMap<String, MonitorHandler.Route>();
        routes.put("/", new MonitorHandler.Route("/", new RootPage()));
        routes.put("/varz", new MonitorHandler.Route(
                "/varz", new VarzEndpoint(server, requestStats, usage, () -> boundPort[0])));
        routes.put("/connz", new MonitorHandler.Route("/connz", new ConnzEndpoint(server)));
        var subsz = new SubszEndpoint(server);
        routes.put("/subsz", new MonitorHandler.Route("/subsz", subsz));
        routes.put("/subscriptionsz", new MonitorHandler.Route("/subsz", subsz));
        routes.put("/routez", new MonitorHandler.Route("/routez", new TopologyEndpoints(server)::routez));
        routes.put("/leafz", new MonitorHandler.Route("/leafz", new TopologyEndpoints(server)::leafz));
        routes.put("/healthz", new MonitorHandler.Route("/healthz", new HealthzEndpoint(server)));
        routes.put("/metrics", new MonitorHandler.Route("/metrics", metrics));
        var handler = new MonitorHandler(routes, requestStats);

        var group = new MultiThreadIoEventLoopGroup(
                1, new DefaultThreadFactory("junction-monitor"), NioIoHandler.newFactory());
        Channel channel;
        try {
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
                    .bind(options.httpHost(), port)
                    .syncUninterruptibly()
                    .channel();
        } catch (Exception e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            metrics.close();
            throw new UncheckedIOException(new IOException("can't listen to the monitor port: " + e.getMessage(), e));
        }
        boundPort[0] = ((InetSocketAddress) channel.localAddress()).getPort();
        var monitor = new MonitorServer(group, channel, options.httpHost(), metrics);
        server.addCompanion(monitor);
        LOG.info("Starting http monitor on {}", joinHostPort(options.httpHost(), boundPort[0]));

        return monitor;
    }

    /** The port bound, which differs from the configured one when that was -1. */
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** The URL to reach the monitor at, with a loopback host when bound to every interface. */
    public String url() {
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
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        metrics.close();
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
