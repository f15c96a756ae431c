package io.junction.nats.server;

import java.util.concurrent.atomic.LongAdder;

/**
 * Server-wide counters that outlive connections: what closed connections carried, slow consumers, connections
 * accepted. Live connections keep their own counts, summed only when asked, so publishing touches no shared counter.
 */
final class Counters {
    final LongAdder inMsgs = new LongAdder();
    final LongAdder inBytes = new LongAdder();
    final LongAdder outMsgs = new LongAdder();
    final LongAdder outBytes = new LongAdder();
    final LongAdder slowConsumers = new LongAdder();
    final LongAdder totalConnections = new LongAdder();

    void addClosed(ConnectionInfo info) {
        inMsgs.add(info.inMsgs());
        inBytes.add(info.inBytes());
        outMsgs.add(info.outMsgs());
        outBytes.add(info.outBytes());
    }
}
