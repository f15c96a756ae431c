package io.junction.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed loop of workflow runs against one server: each of {@code concurrency} client threads starts an
 * {@link EchoWorkflow}, waits for its result and starts the next, until the round's time is up. A round counts
 * the runs that returned their input and times each from the start call to its result; it ends when the last run
 * in flight has finished, so none spills into the next round.
 */
final class WorkflowLoop {
    private static final Duration RESULT_TIMEOUT = Duration.ofSeconds(30);
    private static final int PROBLEMS_KEPT = 3;

    private final int concurrency;

    WorkflowLoop(int concurrency) {
        this.concurrency = concurrency;
    }

    String description() {
        return concurrency + " client threads, each starting a workflow that runs one activity and waiting for its"
                + " result, in a loop";
    }

    /** Runs the loop for {@code duration}, naming its workflow ids after {@code round}. */
    RoundResult run(TemporalConnection connection, ProcessHandle server, String round, Duration duration)
            throws InterruptedException {
        var clock = new RoundClock(server);
        var recorders = new ArrayList<LatencyRecorder>();
        var completed = new AtomicLong();
        var failed = new AtomicLong();
        var wrong = new AtomicLong();
        var problems = new CopyOnWriteArrayList<String>();
        var threads = new ArrayList<Thread>();
        clock.start();
        long deadline = clock.startNanos() + duration.toNanos();
        for (int t = 0; t < concurrency; t++) {
            var recorder = new LatencyRecorder();
            recorders.add(recorder);
            var prefix = round + "-" + t + "-";
            threads.add(Thread.ofPlatform().name("workflow-client-" + t).start(() -> {
                for (long n = 0; System.nanoTime() < deadline; n++) {
                    var input = prefix + n;
                    long start = System.nanoTime();
                    try {
                        var stub = connection.newWorkflow(input);
                        stub.start(input);
                        var result = stub.getResult(RESULT_TIMEOUT.toSeconds(), TimeUnit.SECONDS, String.class);
                        recorder.record(System.nanoTime() - start);
                        (input.equals(result) ? completed : wrong).incrementAndGet();
                    } catch (Exception e) {
                        failed.incrementAndGet();
                        if (problems.size() < PROBLEMS_KEPT) {
                            problems.add(input + ": " + e);
                        }
                    }
                }
            }));
        }
        for (var thread : threads) {
            thread.join();
        }
        clock.stop();

        return RoundResult.of(
                completed.get(), clock, failed.get(), wrong.get(), LatencyRecorder.merge(recorders), problems);
    }
}
