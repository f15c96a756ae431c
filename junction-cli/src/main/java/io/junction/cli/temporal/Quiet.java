package io.junction.cli.temporal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/**
 * Keeps the Java SDK's and gRPC's own log lines (stubs created, channels shut down) off a person's terminal: a CLI
 * command reports failures itself, in one line.
 */
final class Quiet {
    private Quiet() {}

    static void logging() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLogger("io.temporal.serviceclient").setLevel(Level.ERROR);
            context.getLogger("io.grpc").setLevel(Level.ERROR);
        }
    }
}
