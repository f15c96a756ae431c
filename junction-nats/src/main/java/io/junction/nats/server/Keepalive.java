package io.junction.nats.server;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection's two timers, as nats-server keeps them: a PING after every ping interval without traffic from the
 * client, closing the connection as stale when more than max_pings_out go unanswered, and the deadline by which a
 * client that must authenticate has to send its CONNECT. Runs on the connection's event loop.
 */
final class Keepalive {
    private static final Logger LOG = LoggerFactory.getLogger(Keepalive.class);

    private final ClientConnection connection;
    private final ServerOptions options;
    private ScheduledFuture<?> pingTimer;
    private ScheduledFuture<?> authTimer;
    private int pingsOut;

    Keepalive(ClientConnection connection, ServerOptions options) {
        this.connection = connection;
        this.options = options;
    }

    void start(EventExecutor executor, boolean authenticationRequired) {
        var interval = options.pingInterval().toNanos();
        pingTimer = executor.scheduleAtFixedRate(this::pingTimerFired, interval, interval, TimeUnit.NANOSECONDS);
        if (authenticationRequired) {
            authTimer = executor.schedule(
                    this::authTimerFired, options.authTimeout().toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** The client authenticated: the deadline for its CONNECT no longer applies. */
    void authenticated() {
        if (authTimer != null) {
            authTimer.cancel(false);
        }
    }

    void pongReceived() {
        pingsOut = 0;
    }

    void stop() {
        if (pingTimer != null) {
            pingTimer.cancel(false);
        }
        authenticated();
    }

    private void pingTimerFired() {
        if (connection.isClosed()
                || connection.idleNanos() < options.pingInterval().toNanos()) {
            return;
        }
        if (pingsOut + 1 > options.maxPingsOut()) {
            LOG.debug("{} - Stale Client Connection - Closing", connection.logPrefix());
            connection.closeWithError("Stale Connection", ClosedReason.STALE_CONNECTION);
            return;
        }
        pingsOut++;
        connection.sendPing();
    }

    private void authTimerFired() {
        if (!connection.isClosed() && !connection.connectReceived()) {
            connection.closeWithError("Authentication Timeout", ClosedReason.AUTHENTICATION_TIMEOUT);
        }
    }
}
