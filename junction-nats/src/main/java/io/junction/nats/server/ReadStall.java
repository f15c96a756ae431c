package io.junction.nats.server;

import io.netty.channel.ChannelHandlerContext;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Pauses a publishing connection's reads while a receiver it fills catches up, so that a fast publisher slows to
 * its slowest healthy reader instead of pushing that reader over max_pending.
 *
 * <h2>Rules</h2>
 * At most one stall per read batch, so a receiver that never reads slows a publisher down but not to a halt. A
 * stall ends when the receiver has drained or after a pause (longer when the receiver is full); a receiver that
 * wrote nothing during a whole pause is marked stuck and stalls nobody again. Runs on the publisher's event loop.
 */
final class ReadStall {
    private static final Duration PAUSE = Duration.ofMillis(100);
    private static final Duration FULL_PAUSE = Duration.ofSeconds(1);

    private final ClientConnection connection;
    private final ChannelHandlerContext context;
    private boolean stalled;
    private boolean stalledThisBatch;

    ReadStall(ClientConnection connection, ChannelHandlerContext context) {
        this.connection = connection;
        this.context = context;
    }

    void stall(Outbound receiver) {
        if (stalled || stalledThisBatch || connection.isClosed()) {
            return;
        }
        stalled = true;
        stalledThisBatch = true;
        context.channel().config().setAutoRead(false);
        var pause = receiver.isFull() ? FULL_PAUSE : PAUSE;
        var before = receiver.pendingBytes();
        var timeout = context.executor()
                .schedule(
                        () -> {
                            if (receiver.pendingBytes() >= before) {
                                receiver.markStuck();
                            }
                            resume();
                        },
                        pause.toNanos(),
                        TimeUnit.NANOSECONDS);
        receiver.whenDrained(() -> {
            timeout.cancel(false);
            context.executor().execute(this::resume);
        });
    }

    boolean isStalled() {
        return stalled;
    }

    void batchEnded() {
        stalledThisBatch = false;
    }

    /** Reads on: first what is already buffered, then from the socket again unless that stalled once more. */
    private void resume() {
        if (!stalled) {
            return;
        }
        stalled = false;
        if (connection.isClosed()) {
            return;
        }
        connection.readBuffered();
        stalledThisBatch = false;
        if (!stalled) {
            context.channel().config().setAutoRead(true);
        }
    }
}
