package io.junction.cli.nats.messaging;

import java.util.concurrent.CountDownLatch;

/** How the long-running commands (sub, reply, watch) end: their count reached, or the thread interrupted. */
public final class Waiting {
    private Waiting() {}

    /** Waits for the latch; an interrupt ends the wait quietly, as Control-C ends the nats CLI's. */
    public static void untilDone(CountDownLatch done) {
        try {
            done.await();
        } catch (InterruptedException e) {
            // The command was asked to stop: that is how it ends without a count, not a failure.
        }
    }
}
