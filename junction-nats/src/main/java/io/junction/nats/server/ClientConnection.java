package io.junction.nats.server;

import io.junction.nats.auth.ClientPermissions;
import io.junction.nats.protocol.ClientOpHandler;
import io.junction.nats.protocol.ConnectOptions;
import io.junction.nats.protocol.ProtocolError;
import io.junction.nats.protocol.ProtocolParser;
import io.junction.nats.subject.Subjects;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.timeout.WriteTimeoutException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: reads its operations, routes its messages and holds its subscriptions.
 *
 * <h2>Threading</h2>
 * Everything here runs on the connection's event loop except what other connections' publishers call to deliver:
 * {@link Outbound} appends, {@link Subscription} counters, auto-unsubscribe and a close request, all thread-safe.
 * A publisher appends to each receiver's outbound buffer and, after its read batch, asks each receiver it touched
 * to flush once.
 */
final class ClientConnection extends ByteToMessageDecoder implements ClientOpHandler, Receiver, Publisher {
    private static final Logger LOG = LoggerFactory.getLogger(ClientConnection.class);

    private static final byte[] PONG = "PONG\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PING = "PING\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OK = "+OK\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final String GATEWAY_REPLY_PREFIX = "_GR_.";
    /** nats-server keeps this queue group name for itself and refuses it to clients. */
    private static final String SYSTEM_QUEUE_GROUP = "_sys_";

    private final NatsServer server;
    private final ServerOptions options;
    private final long cid;
    private final Instant start = Instant.now();
    private final ConcurrentHashMap<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final List<Outbound> toFlush = new ArrayList<>();
    private final ProtocolParser parser;
    private final Delivery delivery = new Delivery(this);
    private final Keepalive keepalive;
    private ReadStall readStall;
    private Outbound outbound;
    private ChannelHandlerContext context;
    private ConnectOptions connect = ConnectOptions.DEFAULTS;
    private boolean connectReceived;
    private String authorizedUser;
    private volatile ClientPermissions permissions;

    private volatile long lastActivityNanos = System.nanoTime();
    private volatile boolean closed;
    private volatile ClosedReason closedReason;
    private volatile Instant stop;
    private long inMsgs;
    private long inBytes;
    private String remoteIp;
    private int remotePort;
    private String logPrefix;
    private final ProtocolTrace trace = new ProtocolTrace();

    ClientConnection(NatsServer server, long cid) {
        this.server = server;
        this.options = server.options();
        this.cid = cid;
        this.parser = new ProtocolParser(this, options.maxControlLine());
        this.keepalive = new Keepalive(this, options);
    }

    // Netty lifecycle

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        context = ctx;
        outbound = new Outbound(ctx.channel(), options.maxPending());
        readStall = new ReadStall(this, ctx);
        if (ctx.channel().remoteAddress() instanceof InetSocketAddress address) {
            remoteIp = address.getAddress().getHostAddress();
            remotePort = address.getPort();
        }
        logPrefix = remoteIp + ":" + remotePort + " - cid:" + cid;
        trace.prefix(logPrefix);
        send(server.infoFactory().infoFor(cid, remoteIp));
        if (closed) {
            // A max_pending too small for the INFO closed it as a slow consumer already: it must not be registered.
            LOG.debug("{} - closed before it was registered", logPrefix);
        } else if (!server.register(this)) {
            LOG.error("{} - maximum connections exceeded", logPrefix);
            closeWithError("maximum connections exceeded", ClosedReason.MAX_CONNECTIONS);
        } else {
            keepalive.start(ctx.executor(), server.authenticator().isRequired());
            LOG.debug("{} - Client connection created", logPrefix);
        }
        flushPending();
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        lastActivityNanos = System.nanoTime();
        super.channelRead(ctx, msg);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        parser.parse(in);
        if (closed) {
            in.skipBytes(in.readableBytes());
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        flushPending();
        readStall.batchEnded();
        super.channelReadComplete(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        close(ClosedReason.CLIENT_CLOSED);
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof WriteTimeoutException) {
            slowConsumer(ClosedReason.SLOW_CONSUMER_WRITE_DEADLINE);
        } else if (cause instanceof IOException) {
            LOG.debug("{} - read error: {}", logPrefix, cause.getMessage());
            close(ClosedReason.READ_ERROR);
        } else {
            LOG.warn("{} - unexpected error, closing the connection", logPrefix, cause);
            close(ClosedReason.READ_ERROR);
        }
    }

    // Protocol operations

    @Override
    public void connect(String json) {
        trace.connect(json);
        ConnectOptions parsed;
        try {
            parsed = ConnectOptions.parse(json);
        } catch (IllegalArgumentException e) {
            LOG.debug("{} - bad CONNECT: {}", logPrefix, e.getMessage());
            close(ClosedReason.PROTOCOL_VIOLATION);
            return;
        }
        var identity = server.authenticator().authenticate(parsed.authToken(), parsed.user(), parsed.pass());
        if (identity == null) {
            if (parsed.user() != null) {
                LOG.error("{} - authentication error - User \"{}\"", logPrefix, parsed.user());
            } else {
                LOG.error("{} - authentication error", logPrefix);
            }
            closeWithError(ProtocolError.AUTHORIZATION_VIOLATION.text(), ClosedReason.AUTHENTICATION_VIOLATION);
            return;
        }
        connect = parsed;
        if (parsed.protocol() < 0 || parsed.protocol() > 1) {
            closeWithError("invalid client protocol", ClosedReason.BAD_CLIENT_PROTOCOL);
            return;
        }
        if (parsed.noResponders() && !parsed.headers()) {
            closeWithError("no responders requires headers support", ClosedReason.NO_RESPONDERS_REQUIRES_HEADERS);
            return;
        }
        connectReceived = true;
        authorizedUser = identity.username();
        permissions = ClientPermissions.compile(identity.permissions());
        keepalive.authenticated();
        if (parsed.verbose()) {
            send(OK);
        }
    }

    @Override
    public void info(String json) {
        if (!ConnectOptions.isReadableInfo(json)) {
            LOG.debug("cid={} unreadable INFO from the client", cid);
            close(ClosedReason.PROTOCOL_VIOLATION);
        }
    }

    @Override
    public void publishAnnounced(String subject) {
        if (connect.pedantic() && !Subjects.isValidLiteralSubject(subject)) {
            sendError("Invalid Publish Subject");
        }
    }

    @Override
    public void publish(String published, String reply, int headerLength, ByteBuf message) {
        var size = message.readableBytes();
        trace.publish(published, reply, headerLength, size);
        var subject = server.mapped(published);
        trace.mapping(published, subject);
        inMsgs++;
        inBytes += size;
        bindNoAuthUser();

        if (isGatewayRoutedReply(subject) || permissions != null && !permissions.canPublish(subject)) {
            sendError("Permissions Violation for Publish to \"" + subject + "\"");
            return;
        }
        if (reply != null && isReservedReply(reply)) {
            sendError("Permissions Violation for Publish with Reply of \"" + reply + "\"");
            return;
        }
        if (connect.verbose()) {
            send(OK);
        }

        delivery.prepare(subject, reply, headerLength, message);
        var delivered = delivery.toAll(server.index().match(subject));
        delivery.release();
        if (!delivered && reply != null && connect.noResponders()) {
            sendNoResponders(reply);
        }
    }

    @Override
    public void subscribe(String subject, String queue, String sid) {
        trace.subscribe(subject, queue, sid);
        bindNoAuthUser();
        if (SYSTEM_QUEUE_GROUP.equals(queue) || permissions != null && !permissions.canSubscribe(subject, queue)) {
            var text = "Permissions Violation for Subscription to \"" + subject + "\"";
            sendError(queue == null ? text : text + " using queue \"" + queue + "\"");
            return;
        }
        if (options.maxSubscriptions() > 0 && subscriptions.size() >= options.maxSubscriptions()) {
            LOG.error("{} - maximum subscriptions exceeded", logPrefix);
            sendError("maximum subscriptions exceeded");
            return;
        }
        if (!subscriptions.containsKey(sid)) {
            var valid = queue == null || Subjects.isValidQueueName(queue);
            var subscription = new Subscription(this, subject, queue, sid);
            if (!valid || !server.index().insert(subscription)) {
                sendError("Invalid Subject");
                return;
            }
            subscriptions.put(sid, subscription);
        }
        if (connect.verbose()) {
            send(OK);
        }
    }

    @Override
    public void unsubscribe(String sid, long max) {
        trace.unsubscribe(sid, max);
        bindNoAuthUser();
        var subscription = subscriptions.get(sid);
        if (subscription != null) {
            if (max > 0 && max > subscription.delivered()) {
                subscription.max(max);
            } else {
                removeSubscription(subscription);
            }
        }
        if (connect.verbose()) {
            send(OK);
        }
    }

    @Override
    public void ping() {
        trace.ping();
        bindNoAuthUser();
        send(PONG);
    }

    @Override
    public void pong() {
        trace.pong();
        bindNoAuthUser();
        keepalive.pongReceived();
    }

    @Override
    public void protocolViolation(ProtocolError error, String detail) {
        LOG.debug("{} - protocol violation: {}", logPrefix, detail);
        var reason =
                switch (error) {
                    case MAX_PAYLOAD -> ClosedReason.MAX_PAYLOAD;
                    case MAX_CONTROL_LINE -> ClosedReason.MAX_CONTROL_LINE;
                    case AUTHORIZATION_VIOLATION -> ClosedReason.AUTHENTICATION_VIOLATION;
                    case UNKNOWN_OPERATION, MALFORMED_ARGUMENTS -> ClosedReason.PROTOCOL_VIOLATION;
                };
        if (error.text() == null) {
            close(reason);
        } else {
            closeWithError(error.text(), reason);
        }
    }

    @Override
    public boolean isOpen() {
        return !closed;
    }

    @Override
    public boolean awaitingConnect() {
        return !connectReceived
                && server.authenticator().isRequired()
                && server.authenticator().noAuthIdentity() == null;
    }

    @Override
    public boolean headersEnabled() {
        return connect.headers();
    }

    @Override
    public int maxPayload() {
        return options.maxPayload();
    }

    // Delivery, called by publishers on any event loop

    /** Appends a message for this client; false when it is closed or was just closed as a slow consumer. */
    @Override
    public boolean enqueue(Delivery delivery, Subscription subscription, Publisher publisher) {
        trace.message(delivery, subscription.sid());
        // A client that did not enable headers gets the payload alone, in a MSG, as nats-server strips them.
        var headers = connect.headers();
        var result = outbound.message(
                delivery.subjectBytes(),
                subscription.sidBytes,
                delivery.replyBytes(),
                headers ? delivery.sizes() : delivery.payloadSizes(),
                headers && delivery.hasHeaders(),
                headers ? delivery.message() : delivery.payload());
        switch (result) {
            case NEEDS_FLUSH -> publisher.flushLater(outbound);
            case FLUSH_NOW -> outbound.flushSoon();
            case QUEUED -> {
                // A flush is already on its way.
            }
            case OVER_LIMIT -> {
                slowConsumer(ClosedReason.SLOW_CONSUMER_PENDING_BYTES);
                return false;
            }
            case CLOSED -> {
                return false;
            }
        }
        if (outbound.isBackedUp() && !outbound.isStuck()) {
            publisher.stall(outbound);
        }
        if (delivery.reply() != null && permissions != null && permissions.tracksResponses()) {
            permissions.allowResponse(delivery.reply());
        }
        return true;
    }

    @Override
    public boolean permits(String subject) {
        return permissions == null || !permissions.isDeliveryDenied(subject);
    }

    @Override
    public boolean echo() {
        return connect.echo();
    }

    @Override
    public void flushLater(Outbound pending) {
        toFlush.add(pending);
    }

    @Override
    public void stall(Outbound receiver) {
        readStall.stall(receiver);
    }

    @Override
    public boolean isStalled() {
        return readStall.isStalled();
    }

    /** Parses what the decoder has buffered, after a stall ended. */
    void readBuffered() {
        parser.parse(internalBuffer());
        flushPending();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (ctx.channel().isWritable()) {
            outbound.releaseIfDrained();
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void autoUnsubscribe(Subscription subscription) {
        if (subscriptions.remove(subscription.sid(), subscription)) {
            server.index().remove(subscription);
        }
    }

    // Closing

    /** Closes from any thread: the connection stops reading, its subscriptions go, and owed bytes are flushed. */
    void close(ClosedReason reason) {
        if (!context.executor().inEventLoop()) {
            context.executor().execute(() -> close(reason));
            return;
        }
        if (closed) {
            return;
        }
        closed = true;
        closedReason = reason;
        stop = Instant.now();
        keepalive.stop();
        for (var subscription : subscriptions.values()) {
            server.index().remove(subscription);
        }
        outbound.flush();
        outbound.close();
        var channel = context.channel();
        if (channel.isActive()) {
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
        server.unregister(this);
        LOG.debug("{} - Client connection closed: {}", logPrefix, reason.text());
    }

    private void slowConsumer(ClosedReason reason) {
        if (closed) {
            return;
        }
        if (!context.executor().inEventLoop()) {
            context.executor().execute(() -> slowConsumer(reason));
            return;
        }
        server.counters().slowConsumers.increment();
        LOG.info("{} - Slow Consumer Detected: {}", logPrefix, reason.text());
        outbound.close();
        close(reason);
        context.channel().close();
    }

    void closeWithError(String text, ClosedReason reason) {
        sendError(text);
        close(reason);
    }

    // Helpers

    private void sendNoResponders(String reply) {
        for (var subscription : server.index().match(reply).plain()) {
            if (subscription.receiver() == this) {
                send(("HMSG " + reply + " " + subscription.sid() + " 16 16\r\nNATS/1.0 503\r\n\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                return;
            }
        }
    }

    private void bindNoAuthUser() {
        if (connectReceived || !server.authenticator().isRequired()) {
            return;
        }
        var identity = server.authenticator().noAuthIdentity();
        if (identity != null) {
            connectReceived = true;
            authorizedUser = identity.username();
            permissions = ClientPermissions.compile(identity.permissions());
            keepalive.authenticated();
        }
    }

    private void removeSubscription(Subscription subscription) {
        if (subscriptions.remove(subscription.sid(), subscription)) {
            server.index().remove(subscription);
        }
    }

    void sendError(String text) {
        trace.error(text);
        send(("-ERR '" + text + "'\r\n").getBytes(StandardCharsets.ISO_8859_1));
    }

    private void send(byte[] line) {
        switch (outbound.protocol(line)) {
            case NEEDS_FLUSH -> toFlush.add(outbound);
            case FLUSH_NOW -> outbound.flushSoon();
            case OVER_LIMIT -> slowConsumer(ClosedReason.SLOW_CONSUMER_PENDING_BYTES);
            case QUEUED, CLOSED -> {
                // A flush is already on its way, or nothing more goes out.
            }
        }
    }

    private void flushPending() {
        for (var i = 0; i < toFlush.size(); i++) {
            var pending = toFlush.get(i);
            if (pending == outbound) {
                pending.flush();
            } else {
                pending.flushSoon();
            }
        }
        toFlush.clear();
    }

    void sendPing() {
        send(PING);
        flushPending();
    }

    long idleNanos() {
        return System.nanoTime() - lastActivityNanos;
    }

    boolean connectReceived() {
        return connectReceived;
    }

    String logPrefix() {
        return logPrefix;
    }

    /** A subject of nats-server's gateway-routed replies, which clients may not publish to. */
    private static boolean isGatewayRoutedReply(String subject) {
        return subject.length() > GATEWAY_REPLY_PREFIX.length() && subject.startsWith(GATEWAY_REPLY_PREFIX);
    }

    private static boolean isReservedReply(String reply) {
        return reply.startsWith("_R_.") || reply.startsWith("$JS.ACK.") || reply.startsWith("_GR_.");
    }

    // Monitoring

    ConnectionInfo info(boolean withSubscriptions) {
        var subjects = withSubscriptions
                ? subscriptions.values().stream().map(Subscription::subject).toList()
                : List.<String>of();
        var idleNanos = idleNanos();
        return new ConnectionInfo(
                cid,
                remoteIp,
                remotePort,
                start,
                Instant.now().minusNanos(idleNanos),
                0,
                outbound == null ? 0 : outbound.pendingBytes(),
                inMsgs,
                outbound == null ? 0 : outbound.messages(),
                inBytes,
                outbound == null ? 0 : outbound.bytes(),
                subscriptions.size(),
                subjects,
                connect.name(),
                connect.lang(),
                connect.version(),
                authorizedUser,
                stop,
                closedReason == null ? null : closedReason.text());
    }

    long cid() {
        return cid;
    }

    /** Completes when the connection's channel has closed, after the bytes it was owed were written. */
    ChannelFuture closeFuture() {
        return context.channel().closeFuture();
    }

    Collection<Subscription> subscriptions() {
        return subscriptions.values();
    }
}
