package io.junction.cli;

import io.nats.client.JetStream;
import io.nats.client.api.PublishAck;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Publishes unique messages until stopped or until the server goes away: mostly asynchronous publishes with a bounded
 * number in flight, every 25th a synchronous one. Every message whose publish ack arrived is recorded under the acked
 * sequence; a sequence acked twice is recorded as a problem.
 */
final class CrashPublisher implements Runnable {
    static final String BULK = "crash.bulk";
    static final String WORK = "crash.work";

    private static final int MAX_IN_FLIGHT = 256;

    private final JetStream js;
    private final String stream;
    private final String run;
    private final Map<Long, Published> acked;
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private volatile boolean stopped;

    /** @param acked the acked messages of every run so far, by sequence; this run adds to it */
    CrashPublisher(JetStream js, String stream, String run, ConcurrentHashMap<Long, Published> acked) {
        this.js = js;
        this.stream = stream;
        this.run = run;
        this.acked = acked;
    }

    @Override
    public void run() {
        try {
            for (var id = 0L; !stopped; id++) {
                var subject = id % 20 == 0 ? WORK : BULK;
                var payload = (run + "-" + id).getBytes(StandardCharsets.UTF_8);
                if (id % 25 == 0) {
                    record(js.publish(subject, payload), subject, payload);
                } else if (inFlight.tryAcquire(200, TimeUnit.MILLISECONDS)) {
                    js.publishAsync(subject, payload).whenComplete((ack, failure) -> {
                        inFlight.release();
                        if (ack != null) {
                            record(ack, subject, payload);
                        }
                    });
                }
            }
        } catch (Exception e) {
            // the server was killed or the connection closed: the run ends here
        }
    }

    void stop() {
        stopped = true;
    }

    List<String> problems() {
        return problems;
    }

    private void record(PublishAck ack, String subject, byte[] payload) {
        if (!stream.equals(ack.getStream()) || ack.isDuplicate()) {
            problems.add("unexpected ack " + ack + " for " + new String(payload, StandardCharsets.UTF_8));
            return;
        }
        var earlier = acked.putIfAbsent(ack.getSeqno(), new Published(subject, payload));
        if (earlier != null) {
            problems.add("sequence " + ack.getSeqno() + " acked for " + earlier + " and again for "
                    + new String(payload, StandardCharsets.UTF_8));
        }
    }

    /** A message as it was published. */
    record Published(String subject, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return subject + " " + text();
        }
    }
}
