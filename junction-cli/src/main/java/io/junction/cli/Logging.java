package io.junction.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Sets log levels and the log file from the server's flags, in nats-server's format: {@code [pid] date [INF] text}.
 */
final class Logging {
    private static final String PATTERN = "[${PID}] %d{yyyy/MM/dd HH:mm:ss.SSSSSS} [%natsLevel] %msg%n";
    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger("io.junction");

    private Logging() {}

    static void configure(boolean debug, boolean trace, Path logFile) {
        var context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.getLogger("io.junction").setLevel(debug ? Level.DEBUG : Level.INFO);
        context.getLogger("junction.trace").setLevel(trace ? Level.TRACE : Level.OFF);
        if (logFile != null) {
            redirect(context, logFile);
        }
    }

    static void info(String message) {
        LOG.info("{}", message);
    }

    static void error(String message) {
        LOG.error("{}", message);
    }

    private static void redirect(LoggerContext context, Path logFile) {
        var encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(
                PATTERN.replace("${PID}", Long.toString(ProcessHandle.current().pid())));
        encoder.start();
        var appender = new FileAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
        appender.setContext(context);
        appender.setName("file");
        appender.setFile(logFile.toString());
        appender.setAppend(true);
        appender.setEncoder(encoder);
        appender.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();
        root.addAppender(appender);
    }
}
